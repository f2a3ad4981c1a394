package dev.arca.library.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Rows that writers add during a transaction, written together just before it commits, still
 * inside it: a batch of 500 synced files then costs a few multi-row statements where it cost one
 * per file. Outside a transaction a row is written at once. Whoever reads or replaces these rows
 * within the transaction calls {@link #flush} first.
 */
final class AtCommit<T> {

    private final Object key = new Object();
    private final Consumer<List<T>> write;

    AtCommit(Consumer<List<T>> write) {
        this.write = write;
    }

    @SuppressWarnings("unchecked")
    void add(List<T> rows) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            write.accept(rows);
            return;
        }
        List<T> pending = (List<T>) TransactionSynchronizationManager.getResource(key);
        if (pending == null) {
            pending = new ArrayList<>();
            TransactionSynchronizationManager.bindResource(key, pending);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void beforeCommit(boolean readOnly) {
                    // Not flush(): TransactionSynchronization has a flush() of its own, which does nothing.
                    AtCommit.this.flush();
                }

                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(key);
                }
            });
        }
        pending.addAll(rows);
    }

    /** Writes what this transaction has added so far. */
    @SuppressWarnings("unchecked")
    void flush() {
        List<T> pending = (List<T>) TransactionSynchronizationManager.getResource(key);
        if (pending != null && !pending.isEmpty()) {
            List<T> rows = List.copyOf(pending);
            pending.clear();
            write.accept(rows);
        }
    }
}
