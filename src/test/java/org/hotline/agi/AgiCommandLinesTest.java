package org.hotline.agi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.asteriskjava.fastagi.command.AgiCommand;
import org.asteriskjava.fastagi.command.AnswerCommand;
import org.asteriskjava.fastagi.command.ExecCommand;
import org.asteriskjava.fastagi.command.GetDataCommand;
import org.asteriskjava.fastagi.command.GetFullVariableCommand;
import org.asteriskjava.fastagi.command.HangupCommand;
import org.asteriskjava.fastagi.command.SayNumberCommand;
import org.asteriskjava.fastagi.command.SetMusicOffCommand;
import org.asteriskjava.fastagi.command.SetMusicOnCommand;
import org.asteriskjava.fastagi.command.SetVariableCommand;
import org.asteriskjava.fastagi.command.StreamFileCommand;
import org.asteriskjava.fastagi.command.WaitForDigitCommand;
import org.junit.jupiter.api.Test;

class AgiCommandLinesTest {

    /** Texts that quoting must get right: backslashes, quotes, line ends, $ and other regex specials. */
    private static final List<String> TEXTS = Arrays.asList(null, "", "beep", "hotline/welcome", "PJSIP/1001,15,m(default)",
            "a\\b", "\\", "\\\\", "say \"hi\"", "\"", "line\nfeed", "\n", "cr\r\nlf", "$1 \\$2 ${DIALSTATUS}", "tab\there",
            "日本語", "A(hotline/agent-caller-waited:hotline/sorry-to-keep-you-waiting)", "x\\\"\n\\n");

    @Test
    void everyLineIsWhatAsteriskJavaBuilds() {
        List<AgiCommand> commands = new ArrayList<>(List.of(new AnswerCommand(), new SetMusicOffCommand(),
                new SetMusicOnCommand(), new WaitForDigitCommand(), new WaitForDigitCommand(1000),
                new WaitForDigitCommand(-1), new HangupCommand(), new ExecCommand("Dial")));
        for (String t : TEXTS) {
            commands.add(new StreamFileCommand(t));
            commands.add(new StreamFileCommand(t, t));
            commands.add(new StreamFileCommand("beep", t, 0));
            commands.add(new StreamFileCommand(t, "", 1500));
            commands.add(new SetMusicOnCommand(t));
            commands.add(new ExecCommand(t));
            commands.add(new ExecCommand("Dial", t));
            commands.add(new ExecCommand(t, t, t));
            commands.add(new ExecCommand("Dial", (String[]) null));
            commands.add(new GetFullVariableCommand(t));
            commands.add(new GetFullVariableCommand("${DIALSTATUS}", t));
            commands.add(new SetVariableCommand(t, t));
            commands.add(new HangupCommand(t));
        }
        for (AgiCommand command : commands) {
            assertEquals(command.buildCommand(), AgiCommandLines.of(command), command.getClass().getSimpleName());
        }
    }

    @Test
    void otherCommandsAndSubclassesAreLeftToAsteriskJava() {
        AgiCommand subclass = new StreamFileCommand("beep") {
            @Override
            public String buildCommand() {
                return "STREAM FILE other";
            }
        };
        for (AgiCommand command : List.of(new GetDataCommand("hotline/menu", 5000, 1), new SayNumberCommand("42"), subclass)) {
            assertEquals(command.buildCommand(), AgiCommandLines.of(command), command.getClass().getName());
        }
    }
}
