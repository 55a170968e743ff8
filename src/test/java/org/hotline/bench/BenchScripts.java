package org.hotline.bench;

import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiRequest;
import org.asteriskjava.fastagi.command.AgiCommand;
import org.asteriskjava.fastagi.command.AnswerCommand;
import org.asteriskjava.fastagi.command.DatabaseGetCommand;
import org.asteriskjava.fastagi.command.ExecCommand;
import org.asteriskjava.fastagi.command.GetDataCommand;
import org.asteriskjava.fastagi.command.GetVariableCommand;
import org.asteriskjava.fastagi.command.SetVariableCommand;
import org.asteriskjava.fastagi.command.StreamFileCommand;
import org.asteriskjava.fastagi.command.VerboseCommand;
import org.hotline.agi.AgiScript;
import org.hotline.agi.AgiSession;

import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark's IVR-like script, written twice with the same commands in the same
 * order: asynchronously for Hotline's server and blocking for Asterisk-Java's
 * {@code DefaultAgiServer}. Both end the session after the last reply.
 */
final class BenchScripts {

    private BenchScripts() {
    }

    /** The first {@code steps} commands of a 10-command IVR visit (repeated if more). */
    static List<AgiCommand> commands(int steps) {
        List<AgiCommand> base = List.of(
                new AnswerCommand(),
                new GetVariableCommand("CALLERID(num)"),
                new GetVariableCommand("CHANNEL(language)"),
                new SetVariableCommand("HOTLINE_STEP", "welcome"),
                new StreamFileCommand("hotline-welcome", ""),
                new GetDataCommand("hotline-menu", 3000, 1),
                new DatabaseGetCommand("hotline", "vip"),
                new ExecCommand("Playback", "hotline-please-hold"),
                new ExecCommand("MusicOnHold", "default", "2"),
                new VerboseCommand("hotline bench done", 1));
        List<AgiCommand> out = new ArrayList<>(steps);
        for (int i = 0; i < steps; i++) {
            out.add(base.get(i % base.size()));
        }
        return out;
    }

    /** Hotline: each reply's continuation sends the next command; no thread waits. */
    static AgiScript hotline(int steps) {
        List<String> lines = commands(steps).stream().map(AgiCommand::buildCommand).toList();
        return session -> step(session, lines, 0);
    }

    private static void step(AgiSession session, List<String> lines, int index) {
        if (index == lines.size()) {
            session.close();
            return;
        }
        session.send(lines.get(index)).whenComplete((reply, error) -> {
            if (error != null) {
                session.close();
            } else {
                step(session, lines, index + 1);
            }
        });
    }

    /** Asterisk-Java: one pool thread blocks through the whole call. */
    static org.asteriskjava.fastagi.AgiScript anchor(int steps) {
        List<AgiCommand> commands = commands(steps);
        return (AgiRequest request, AgiChannel channel) -> {
            for (AgiCommand command : commands) {
                channel.sendCommand(command);
            }
        };
    }
}
