package dev.nestbed.scenario.parse;

import dev.nestbed.scenario.spec.Location;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The bytes of a scenario file as text: UTF-8, without NUL characters. A byte that is not UTF-8 and
 * a NUL are reported at their own line and column (a binary file pasted by mistake, a truncated
 * download), not as whatever the YAML reader would make of them.
 */
final class ScenarioText {
  private ScenarioText() {}

  /** The text; throws {@link ScenarioInvalidException} naming the first bad byte or NUL. */
  static String decode(String file, byte[] bytes) {
    CharsetDecoder utf8 =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length);
    CoderResult result = utf8.decode(in, out, true);
    if (result.isError()) {
      int offset = in.position();
      throw invalid(
          at(file, bytes, offset),
          String.format("byte 0x%02X is not UTF-8 text", bytes[offset] & 0xff),
          "save the file as UTF-8; is it a scenario at all?");
    }
    utf8.flush(out);
    String text = out.flip().toString();
    int nul = text.indexOf('\0');
    if (nul >= 0) {
      throw invalid(
          at(file, text, nul), "a NUL character; a scenario is text", "is it a scenario at all?");
    }
    return text;
  }

  private static ScenarioInvalidException invalid(Location at, String message, String hint) {
    return new ScenarioInvalidException(List.of(new Problem(at, message, hint)));
  }

  /** Line and column (in characters) of a byte offset: the bytes before it are valid UTF-8. */
  private static Location at(String file, byte[] bytes, int offset) {
    try {
      String before =
          StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes, 0, offset)).toString();
      return at(file, before, before.length());
    } catch (CharacterCodingException e) {
      return new Location(file, 1, 1);
    }
  }

  /**
   * Line and column of a char index as the YAML reader counts them, so that these places agree with
   * its own: columns in code points, and CR LF, a lone CR, NEL, LS and PS each ending a line.
   */
  private static Location at(String file, String text, int index) {
    int line = 1;
    int column = 1;
    for (int i = 0; i < index; ) {
      int c = text.codePointAt(i);
      i += Character.charCount(c);
      boolean crlf = c == '\r' && i < text.length() && text.charAt(i) == '\n';
      if (c == '\n' || (c == '\r' && !crlf) || c == 0x85 || c == 0x2028 || c == 0x2029) {
        line++;
        column = 1;
      } else if (!crlf) {
        column++;
      }
    }
    return new Location(file, line, column);
  }
}
