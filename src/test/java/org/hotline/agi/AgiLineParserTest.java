package org.hotline.agi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class AgiLineParserTest {

    @Test
    void aVariableNameIsWhatTheRegularExpressionTookForOne() {
        Pattern name = Pattern.compile("[A-Za-z0-9_]+");
        List<String> names = List.of("agi_request", "agi_arg_1", "AGI_X", "_", "9", "", "agi-request", "agi request",
                "agi_é", "Ａgi", "agi:", "agi\t", "a\u0000", "ß", "x".repeat(300));
        for (String n : names) {
            assertEquals(name.matcher(n).matches(), AgiLineParser.isName(n), "'" + n + "'");
        }
        for (char c = 0; c < 512; c++) {
            String n = "a" + c;
            assertEquals(name.matcher(n).matches(), AgiLineParser.isName(n), "char " + (int) c);
        }
    }
}
