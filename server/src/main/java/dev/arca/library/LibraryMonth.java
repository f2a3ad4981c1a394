package dev.arca.library;

import java.util.ArrayList;
import java.util.List;

/**
 * One month of the date scrubber: {@code yyyy-MM}, how many items it holds, and the last day
 * of the month, which the scrubber's link filters to ({@code to=}) so the grid starts there.
 */
public record LibraryMonth(String month, long count, String lastDay) {

    /** Sums the timeline's days (newest first) into months, newest first. */
    static List<LibraryMonth> of(List<ItemSearch.Day> days) {
        List<LibraryMonth> months = new ArrayList<>();
        for (ItemSearch.Day day : days) {
            String month = day.date().substring(0, 7);
            if (!months.isEmpty() && months.getLast().month().equals(month)) {
                LibraryMonth last = months.removeLast();
                months.add(new LibraryMonth(month, last.count() + day.count(), last.lastDay()));
            } else {
                months.add(new LibraryMonth(month, day.count(),
                        java.time.YearMonth.parse(month).atEndOfMonth().toString()));
            }
        }
        return months;
    }
}
