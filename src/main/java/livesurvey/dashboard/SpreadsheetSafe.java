package livesurvey.dashboard;

/**
 * Keeps respondent text from running as a formula when an admin opens the CSV in a spreadsheet
 * (OWASP "CSV injection"): a cell starting with = + - @ tab or CR gets a leading apostrophe.
 * The JSON export stays verbatim.
 */
final class SpreadsheetSafe {
    private SpreadsheetSafe() {
    }

    static String cell(String text) {
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            return "'" + text;
        }
        return text;
    }
}
