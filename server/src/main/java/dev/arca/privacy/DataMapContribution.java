package dev.arca.privacy;

import java.util.List;

/**
 * Each capability declares the tables it owns as a bean of this type. A test compares the union
 * with the real schema and fails on any column nobody classified.
 */
@FunctionalInterface
public interface DataMapContribution {

    List<DataTable> tables();
}
