package io.mosaic.manifest;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The rule for fragment and team names, for every caller that accepts one: the manifest's
 * validator, the registration API (a fragment's name in its URL) and the token check (a JWT's
 * team claim). One rule, so that a name one of them accepts is never refused by another.
 */
public final class Names {

    /** Fragment and team names: a lowercase ASCII slug that is also a safe URL segment. */
    public static final Pattern SLUG = Pattern.compile("[a-z][a-z0-9-]{0,62}");

    private Names() {
    }

    /**
     * Why {@code name} is not a good fragment or team name, or empty: it must match {@link #SLUG},
     * not end with {@code -} nor hold {@code --}. The reason starts with {@code what} and names the
     * value; a non-ASCII character is named with its code point and, when it looks like an ASCII
     * letter (Cyrillic {@code е} for {@code e}), with that letter.
     *
     * @param name the name to check
     * @param what how the reason names the field, such as {@code name} or {@code team}
     */
    public static Optional<String> slugProblem(String name, String what) {
        if (name.isEmpty()) {
            return Optional.of(what + " must not be empty");
        }
        for (int i = 0; i < name.length(); ) {
            int cp = name.codePointAt(i);
            if (cp > 127) {
                String looksLike = lookAlike(cp).map(c -> ", which looks like '" + c + "' but is not ASCII").orElse("");
                return Optional.of(what + " '" + name + "' contains " + String.format("U+%04X", cp) + " ("
                        + Character.getName(cp) + ")" + looksLike + "; use lowercase ASCII letters, digits and '-'");
            }
            i += Character.charCount(cp);
        }
        if (!name.equals(name.toLowerCase(Locale.ROOT)) && SLUG.matcher(name.toLowerCase(Locale.ROOT)).matches()) {
            return Optional.of(what + " '" + name + "' must be lowercase; did you mean '" + name.toLowerCase(Locale.ROOT) + "'?");
        }
        if (!SLUG.matcher(name).matches()) {
            return Optional.of(what + " '" + name + "' must match [a-z][a-z0-9-]{0,62}: start with a lowercase letter, "
                    + "then lowercase letters, digits or '-', at most 63 characters");
        }
        if (name.endsWith("-") || name.contains("--")) {
            return Optional.of(what + " '" + name + "' must not end with '-' or contain '--'");
        }
        return Optional.empty();
    }

    private static Optional<Character> lookAlike(int cp) {
        String decomposed = Normalizer.normalize(new String(Character.toChars(cp)), Normalizer.Form.NFKD);
        if (!decomposed.isEmpty() && decomposed.charAt(0) < 128 && Character.isLetterOrDigit(decomposed.charAt(0))) {
            return Optional.of(decomposed.charAt(0));
        }
        String cyrillicAndGreek = "аеорсхукіјѕԁԛԝοαν";
        String latin = "aeopcxykijsdqwoav";
        int index = cyrillicAndGreek.indexOf(cp);
        return index >= 0 ? Optional.of(latin.charAt(index)) : Optional.empty();
    }
}
