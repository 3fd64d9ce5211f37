package dev.ddbbackup.core.table;

/** The named table does not exist in this account and region. */
public class TableNotFoundException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String table;

    public TableNotFoundException(String table) {
        super("table '" + table + "' does not exist in this account and region; check the name and AWS_REGION");
        this.table = table;
    }

    public String table() {
        return table;
    }
}
