package org.hotline.ivr;

import java.util.List;

/**
 * The languages a flow speaks and how a prompt name becomes an Asterisk sound name.
 *
 * <p>Layout: the prompt {@code NAME} in the default language is the sound
 * {@code <soundPrefix>/NAME}; in another language {@code LANG} it is
 * {@code <soundPrefix>/LANG/NAME}. The sources mirror it: {@code <promptsDirectory>/NAME.txt} and
 * {@code <promptsDirectory>/LANG/NAME.txt}. So the prompts Hotline already plays outside the flow
 * ({@code hotline/welcome}, {@code hotline/sorry-to-keep-you-waiting}) keep their names, and a
 * language is one more folder beside them. With the sandbox's prefix {@code hotline}: English
 * {@code hotline/main-menu}, Mandarin {@code hotline/zh/main-menu}.
 *
 * @param defaultLanguage the language a call starts in, one of {@code languages}
 * @param languages       every language the flow may switch to; each has every prompt the flow plays
 * @param soundPrefix     the folder under Asterisk's sounds directory that holds the prompts
 */
public record PromptSet(String defaultLanguage, List<String> languages, String soundPrefix) {

    public PromptSet {
        languages = List.copyOf(languages);
    }

    /** The Asterisk sound name of {@code prompt} in {@code language}. */
    public String soundName(String language, String prompt) {
        return language.equals(defaultLanguage)
                ? soundPrefix + "/" + prompt
                : soundPrefix + "/" + language + "/" + prompt;
    }
}
