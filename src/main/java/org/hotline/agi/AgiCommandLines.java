package org.hotline.agi;

import org.asteriskjava.fastagi.command.AgiCommand;
import org.asteriskjava.fastagi.command.AnswerCommand;
import org.asteriskjava.fastagi.command.ExecCommand;
import org.asteriskjava.fastagi.command.GetFullVariableCommand;
import org.asteriskjava.fastagi.command.HangupCommand;
import org.asteriskjava.fastagi.command.SetMusicOffCommand;
import org.asteriskjava.fastagi.command.SetMusicOnCommand;
import org.asteriskjava.fastagi.command.SetVariableCommand;
import org.asteriskjava.fastagi.command.StreamFileCommand;
import org.asteriskjava.fastagi.command.WaitForDigitCommand;

/**
 * The command line of an Asterisk-Java command object, the very text its {@code buildCommand()}
 * gives, made without it for the commands every call sends: Asterisk-Java quotes each argument
 * with three {@code String.replaceAll} (three regular expressions compiled each time) and a
 * {@code String.format}. Other commands, and subclasses, still use {@code buildCommand()}. A test
 * holds each line to {@code buildCommand()}'s.
 */
final class AgiCommandLines {

    private AgiCommandLines() {
    }

    static String of(AgiCommand command) {
        Class<?> type = command.getClass();
        if (type == AnswerCommand.class) {
            return "ANSWER";
        }
        if (type == StreamFileCommand.class) {
            StreamFileCommand c = (StreamFileCommand) command;
            String line = "STREAM FILE " + quote(c.getFile()) + " " + quote(c.getEscapeDigits());
            return c.getOffset() < 0 ? line : line + " " + c.getOffset();
        }
        if (type == SetMusicOnCommand.class) {
            String music = ((SetMusicOnCommand) command).getMusicOnHoldClass();
            return music == null ? "SET MUSIC ON" : "SET MUSIC ON " + quote(music);
        }
        if (type == SetMusicOffCommand.class) {
            return "SET MUSIC OFF";
        }
        if (type == WaitForDigitCommand.class) {
            return "WAIT FOR DIGIT " + ((WaitForDigitCommand) command).getTimeout();
        }
        if (type == ExecCommand.class) {
            ExecCommand c = (ExecCommand) command;
            String[] options = c.getOptions();
            return "EXEC " + quote(c.getApplication()) + " " + quote(options == null ? null : String.join(",", options));
        }
        if (type == GetFullVariableCommand.class) {
            GetFullVariableCommand c = (GetFullVariableCommand) command;
            String line = "GET FULL VARIABLE " + quote(c.getVariable());
            return c.getChannel() == null ? line : line + " " + quote(c.getChannel());
        }
        if (type == SetVariableCommand.class) {
            SetVariableCommand c = (SetVariableCommand) command;
            return "SET VARIABLE " + quote(c.getVariable()) + " " + quote(c.getValue());
        }
        if (type == HangupCommand.class) {
            String channel = ((HangupCommand) command).getChannel();
            return channel == null ? "HANGUP" : "HANGUP " + quote(channel);
        }
        return command.buildCommand();
    }

    /**
     * An argument as Asterisk-Java quotes it: in double quotes, a backslash doubled, a double quote
     * after a backslash, line feeds dropped; null is {@code ""}.
     */
    static String quote(String text) {
        if (text == null) {
            return "\"\"";
        }
        StringBuilder quoted = new StringBuilder(text.length() + 8).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> quoted.append("\\\\");
                case '"' -> quoted.append("\\\"");
                case '\n' -> { }
                default -> quoted.append(c);
            }
        }
        return quoted.append('"').toString();
    }
}
