package org.communitypoints.platform.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a problem catalog for the mistakes that only show in front of a resident: a code with Chinese text
 * but no English (or the reverse), a code given twice in one file (the later text silently wins, so one of the two
 * places that throw it shows the other's text), a pattern MessageFormat cannot read, the two languages using different
 * arguments, a lone apostrophe that MessageFormat would swallow. Meant for each service's tests:
 *
 * <pre>{@code
 * @Test
 * void everyProblemCodeHasChineseAndEnglishText() {
 *     assertEquals(List.of(), ProblemCatalog.defects(ProblemMessages.SERVICE_CATALOG));
 * }
 * }</pre>
 */
public final class ProblemCatalog {

    private static final Pattern ARGUMENT = Pattern.compile("\\{(\\d+)");

    private ProblemCatalog() {
    }

    /**
     * @param baseName {@code "problems"} for a service's catalog ({@code problems.properties} in Chinese,
     *        {@code problems_en.properties} in English)
     * @return one line per defect; empty when the catalog is complete
     */
    public static List<String> defects(String baseName) {
        List<String> defects = new ArrayList<>();
        Properties chinese = load(baseName + ".properties", defects);
        Properties english = load(baseName + "_en.properties", defects);
        if (chinese == null || english == null) {
            defects.add(baseName + ": both " + baseName + ".properties (Chinese) and " + baseName
                    + "_en.properties (English) must exist");
            return defects;
        }
        Set<String> keys = new TreeSet<>(chinese.stringPropertyNames());
        keys.addAll(english.stringPropertyNames());
        for (String key : keys) {
            String zh = chinese.getProperty(key);
            String en = english.getProperty(key);
            if (zh == null || zh.isBlank()) {
                defects.add(key + ": no Chinese text");
                continue;
            }
            if (en == null || en.isBlank()) {
                defects.add(key + ": no English text");
                continue;
            }
            check(key, "zh", zh, defects);
            check(key, "en", en, defects);
            if (!arguments(zh).equals(arguments(en))) {
                defects.add(key + ": Chinese uses arguments " + arguments(zh) + ", English " + arguments(en));
            }
        }
        return defects;
    }

    private static void check(String key, String language, String pattern, List<String> defects) {
        try {
            new MessageFormat(pattern);
        } catch (IllegalArgumentException e) {
            defects.add(key + " (" + language + "): not a MessageFormat pattern: " + e.getMessage());
        }
        if (pattern.replace("''", "").contains("'")) {
            defects.add(key + " (" + language + "): a single ' hides the text after it; write '' for an apostrophe");
        }
    }

    private static Set<String> arguments(String pattern) {
        Set<String> arguments = new TreeSet<>();
        Matcher m = ARGUMENT.matcher(pattern);
        while (m.find()) {
            arguments.add(m.group(1));
        }
        return arguments;
    }

    private static Properties load(String resource, List<String> defects) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        try (InputStream in = (loader != null ? loader : ProblemCatalog.class.getClassLoader())
                .getResourceAsStream(resource)) {
            if (in == null) {
                return null;
            }
            Properties properties = new Properties() {
                @Override
                public synchronized Object put(Object key, Object value) {
                    Object earlier = super.put(key, value);
                    if (earlier != null) {
                        defects.add(key + " (" + resource + "): given twice; the later text hides \"" + earlier + "\"");
                    }
                    return earlier;
                }
            };
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            return properties;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
