package dev.intake.domain.importing;

import java.math.BigDecimal;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/**
 * Reads numbers as a locale writes them, strictly: an optional sign, digits, and an optional decimal separator
 * followed by digits. Grouping separators (the locale's own, a no-break space or a narrow no-break space) are valid
 * only between groups of exactly three digits, all of one kind, so {@code 13,75} is never 1375 in en-US. Exponents,
 * currency and percent signs are not numbers here.
 */
final class NumberReader {

    private static final char NO_BREAK_SPACE = '\u00A0';
    private static final char NARROW_NO_BREAK_SPACE = '\u202F';
    private static final char RIGHT_SINGLE_QUOTE = '\u2019';

    private final Locale locale;
    private final char decimalSeparator;
    private final char groupingSeparator;
    private final String groupingSeparators;
    private final char minusSign;

    NumberReader(Locale locale) {
        DecimalFormatSymbols symbols = DecimalFormatSymbols.getInstance(locale);
        this.locale = locale;
        this.decimalSeparator = symbols.getDecimalSeparator();
        this.groupingSeparator = symbols.getGroupingSeparator();
        this.groupingSeparators = groupingSeparators(groupingSeparator);
        this.minusSign = symbols.getMinusSign();
    }

    /** The number {@code text} writes, or null when it is not a number in this locale. */
    BigDecimal read(String text) {
        int start = 0;
        boolean negative = false;
        if (!text.isEmpty() && isMinus(text.charAt(0))) {
            negative = true;
            start = 1;
        } else if (text.startsWith("+")) {
            start = 1;
        }
        int decimalAt = text.indexOf(decimalSeparator, start);
        String integerPart = decimalAt < 0 ? text.substring(start) : text.substring(start, decimalAt);
        String fraction = decimalAt < 0 ? "" : text.substring(decimalAt + 1);
        if (decimalAt >= 0 && !isDigits(fraction)) {
            return null;
        }
        String digits = integerDigits(integerPart, decimalAt >= 0);
        if (digits == null) {
            return null;
        }
        return new BigDecimal((negative ? "-" : "") + digits + (fraction.isEmpty() ? "" : "." + fraction));
    }

    /** A sentence saying how numbers are written in this locale, for messages. */
    String howToWrite() {
        return "use '" + decimalSeparator + "' for decimals and " + describe(groupingSeparator)
                + " only between groups of three digits";
    }

    /** The locale as a BCP 47 tag, for messages. */
    String localeTag() {
        return locale.toLanguageTag();
    }

    private boolean isMinus(char c) {
        return c == '-' || c == minusSign || c == '\u2212';
    }

    /** The digits of the part before the decimal separator, without grouping, or null when it is malformed. */
    private String integerDigits(String part, boolean hasFraction) {
        if (part.isEmpty()) {
            return hasFraction ? "0" : null;
        }
        if (isDigits(part)) {
            return part;
        }
        return groupedDigits(part);
    }

    private String groupedDigits(String part) {
        StringBuilder digits = new StringBuilder(part.length());
        char separator = 0;
        int groupLength = 0;
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            if (isDigit(c)) {
                digits.append(c);
                groupLength++;
                if (groupLength > 3) {
                    return null;
                }
            } else if (groupingSeparators.indexOf(c) >= 0 && groupLength > 0 && (separator == 0 || c == separator)) {
                if (separator != 0 && groupLength != 3) {
                    return null;
                }
                separator = c;
                groupLength = 0;
            } else {
                return null;
            }
        }
        return groupLength == 3 ? digits.toString() : null;
    }

    private String groupingSeparators(char grouping) {
        StringBuilder separators = new StringBuilder().append(grouping).append(NO_BREAK_SPACE)
                .append(NARROW_NO_BREAK_SPACE);
        if (Character.isSpaceChar(grouping)) {
            separators.append(' ');
        }
        if (grouping == RIGHT_SINGLE_QUOTE) {
            separators.append('\'');
        }
        return separators.toString().replace(String.valueOf(decimalSeparator), "");
    }

    private static String describe(char separator) {
        return Character.isSpaceChar(separator) ? "a space" : "'" + separator + "'";
    }

    private static boolean isDigits(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (!isDigit(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
