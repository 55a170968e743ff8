package org.hotline.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.hotline.ivr.IvrFlow;
import org.hotline.ivr.IvrFlowChecker;
import org.hotline.ivr.IvrFlowReader;
import org.hotline.ivr.IvrProblems;
import org.hotline.ivr.PromptCatalog;

/**
 * The checks of the {@code ivr} flow and of the {@code survey}, which depends on it (who may opt
 * in, which languages it is asked in): {@link #ivr} first, then {@link #survey}.
 */
final class IvrConfigChecks {

    private final ConfigProblems problems;
    /** The IVR flow as checked, for the survey's checks; null when the IVR is off or invalid. */
    private IvrFlow ivrFlow;
    private PromptCatalog ivrPrompts = PromptCatalog.UNCHECKED;
    private String ivrFile;

    IvrConfigChecks(ConfigProblems problems) {
        this.problems = problems;
    }

    /**
     * The IVR flow ({@link IvrFlowReader}, then {@link IvrFlowChecker} once every node reads
     * well): its routes may use only the configured queues and skills, and with
     * {@code ivr.promptsDirectory} set every prompt must be there in every language.
     */
    void ivr(HotlineConfig.IvrSection ivr, Set<String> queueNames, Set<String> skills) {
        if (ivr == null) {
            problems.add("ivr: required (leave nodes empty to turn the IVR off)");
            return;
        }
        IvrProblems found = new IvrProblems("ivr.", ivr.file());
        IvrFlow flow = new IvrFlowReader(found).read(ivr.definition());
        PromptCatalog catalog = PromptCatalog.UNCHECKED;
        if (flow != null && ivr.promptsDirectory() != null && !ivr.promptsDirectory().isBlank()) {
            Path directory = Path.of(ivr.promptsDirectory());
            if (Files.isDirectory(directory)) {
                catalog = new PromptDirectory(directory, flow.languages().defaultLanguage());
            } else {
                found.add("promptsDirectory", "no directory " + directory);
            }
        }
        if (flow != null && found.isEmpty()) {
            new IvrFlowChecker(found).check(flow, queueNames, skills, catalog);
        }
        problems.addAll(found.messages());
        if (found.isEmpty()) {
            ivrFlow = flow;
            ivrPrompts = catalog;
            ivrFile = ivr.file();
        }
    }

    /**
     * The survey's keys are checked even when it is off, so that turning it on cannot fail at
     * start. {@code who: opted-in} needs a flow where a caller can opt in; with the survey on and
     * a prompts directory, each survey sound under the flow's folder must exist in every language
     * of the flow (the survey is asked in the language the caller chose).
     */
    void survey(HotlineConfig.SurveySection s) {
        String who = s.who();
        if (!HotlineConfig.SurveySection.WHO_ALL.equals(who) && !HotlineConfig.SurveySection.WHO_OPTED_IN.equals(who)) {
            problems.add("survey.who: '" + who + "' is not one of " + HotlineConfig.SurveySection.WHO_ALL + ", "
                    + HotlineConfig.SurveySection.WHO_OPTED_IN);
        } else if (HotlineConfig.SurveySection.WHO_OPTED_IN.equals(who) && (ivrFlow == null
                || !ivrFlow.offersSurveyOptIn())) {
            problems.add("survey.who: 'opted-in' asks only callers who passed an IVR node with surveyOptIn: true, but "
                    + (ivrFlow == null ? "the IVR is off (ivr.nodes is empty)"
                    : "no node of the flow" + (ivrFile == null ? " under ivr.nodes" : " in " + ivrFile) + " has it")
                    + "; mark one (e.g. the node a menu option leads to) or use who: all");
        }
        problems.between("survey.answerTimeoutSeconds", s.answerTimeoutSeconds(), 1, 60);
        if (s.prompts() == null) {
            problems.add("survey.prompts: must be a mapping of its keys, not empty");
            return;
        }
        problems.required("survey.prompts.intro", s.prompts().intro());
        problems.required("survey.prompts.csat", s.prompts().csat());
        problems.required("survey.prompts.nps", s.prompts().nps());
        problems.required("survey.prompts.ces", s.prompts().ces());
        problems.required("survey.prompts.thanks", s.prompts().thanks());
        if (s.enabled() && ivrFlow != null && ivrPrompts != PromptCatalog.UNCHECKED) {
            surveyPrompt("survey.prompts.intro", s.prompts().intro());
            surveyPrompt("survey.prompts.csat", s.prompts().csat());
            surveyPrompt("survey.prompts.nps", s.prompts().nps());
            surveyPrompt("survey.prompts.ces", s.prompts().ces());
            surveyPrompt("survey.prompts.thanks", s.prompts().thanks());
        }
    }

    /** A survey sound under the flow's folder is needed in each of the flow's languages. */
    private void surveyPrompt(String key, String sound) {
        String folder = ivrFlow.languages().soundPrefix() + "/";
        if (sound == null || !sound.startsWith(folder)) {
            return;
        }
        String prompt = sound.substring(folder.length());
        for (String language : ivrFlow.languages().languages()) {
            if (!ivrPrompts.has(language, prompt)) {
                problems.add(key + ": the survey is asked in the caller's language, and '" + prompt + "' has no "
                        + language + " text (" + ivrPrompts.whereIs(language, prompt) + ")");
            }
        }
    }
}
