package org.hotline.config;

import java.nio.file.Files;
import java.nio.file.Path;
import org.hotline.ivr.PromptCatalog;

/**
 * The prompt sources the sandbox renders to speech: {@code <directory>/NAME.txt} in the default
 * language and {@code <directory>/LANG/NAME.txt} in the others, the same layout as the sound
 * names ({@link org.hotline.ivr.PromptSet}).
 */
final class PromptDirectory implements PromptCatalog {

    private final Path directory;
    private final String defaultLanguage;

    PromptDirectory(Path directory, String defaultLanguage) {
        this.directory = directory;
        this.defaultLanguage = defaultLanguage;
    }

    @Override
    public boolean has(String language, String prompt) {
        return Files.isRegularFile(source(language, prompt));
    }

    @Override
    public String whereIs(String language, String prompt) {
        return source(language, prompt).toString();
    }

    private Path source(String language, String prompt) {
        Path folder = language.equals(defaultLanguage) ? directory : directory.resolve(language);
        return folder.resolve(prompt + ".txt");
    }
}
