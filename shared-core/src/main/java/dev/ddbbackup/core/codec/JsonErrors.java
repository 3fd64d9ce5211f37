package dev.ddbbackup.core.codec;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;

/**
 * Says what is wrong with unparseable JSON without Jackson's message, which may quote the input (item
 * values): truncated, over a parser limit, invalid UTF-8 or invalid JSON, and where.
 */
public final class JsonErrors {

    private JsonErrors() {}

    /** For one-line documents (item lines): where is the column. */
    public static String nearColumn(JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        return describe(e, at != null && at.getColumnNr() > 0 ? " near column " + at.getColumnNr() : "");
    }

    /** For whole files: where is the line and column. */
    public static String atLineAndColumn(JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        return describe(e, at != null && at.getLineNr() > 0 ? " at line " + at.getLineNr() + ", column " + at.getColumnNr() : "");
    }

    /**
     * @param where appended to invalid UTF-8 and invalid JSON (for example {@code " near column 5"});
     *              truncation and parser limits are not placed
     */
    public static String describe(JsonProcessingException e, String where) {
        if (e instanceof JsonEOFException) {
            return "truncated JSON (unexpected end of input)";
        }
        if (e instanceof StreamConstraintsException) {
            return "JSON exceeds a parser limit (nesting depth, number or string length)";
        }
        String original = e.getOriginalMessage();
        return (original != null && original.startsWith("Invalid UTF-8") ? "invalid UTF-8" : "invalid JSON") + where;
    }
}
