package dev.invokerguard.policy;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The regular expressions of {@code matches} in a condition, in
 * <a href="https://github.com/google/re2/wiki/Syntax">RE2 syntax</a> (re2j, the engine CEL specifies): each is a
 * string literal compiled once, when the policy loads, and refused when it is too large to be a bounded
 * check: more than {@value #MAX_LENGTH} characters, groups nested more than {@value #MAX_NESTING} deep, or a
 * compiled program of more than {@value #MAX_PROGRAM_SIZE} instructions. The size is estimated before
 * compiling, so that nested counted repetitions such as {@code ((a{1000}){1000}){1000}} are refused without
 * being expanded. Evaluation is then linear in the input (RE2 never backtracks).
 */
final class ConditionPatterns {
  /** The longest pattern accepted, in characters. */
  static final int MAX_LENGTH = 1_000;
  /** The deepest nesting of groups accepted. */
  static final int MAX_NESTING = 32;
  /**
   * The largest compiled program accepted, in RE2 instructions. Matching costs up to the program size times
   * the length of the string, and the string (a path) is the caller's: this keeps one match of a path of
   * tens of kilobytes in the low milliseconds.
   */
  static final int MAX_PROGRAM_SIZE = 1_000;
  /** Above this estimate a pattern is not compiled at all; the estimate errs on the large side. */
  private static final long MAX_ESTIMATE = 10L * MAX_PROGRAM_SIZE;
  /** RE2 refuses repetition counts above 1000; counting stops there. */
  private static final int MAX_REPEAT = 1_000;

  private static final AtomicLong COMPILATIONS = new AtomicLong();

  private ConditionPatterns() {}

  /**
   * A pattern compiled, or why it is refused.
   *
   * @param pattern the compiled pattern, or {@code null}
   * @param error why it is refused, or {@code null}
   */
  record Compiled(Pattern pattern, String error) {}

  /** Compiles a pattern literal within the bounds. */
  static Compiled compile(String literal) {
    if (literal.length() > MAX_LENGTH) {
      return refused("is " + literal.length() + " characters long (at most " + MAX_LENGTH + ")");
    }
    String tooLarge = estimate(literal);
    if (tooLarge != null) {
      return refused(tooLarge);
    }
    Pattern pattern;
    try {
      COMPILATIONS.incrementAndGet();
      pattern = Pattern.compile(literal);
    } catch (PatternSyntaxException e) {
      return refused("is not a valid RE2 pattern (" + e.getDescription() + ")");
    }
    if (pattern.programSize() > MAX_PROGRAM_SIZE) {
      return refused("compiles to " + pattern.programSize() + " instructions (at most " + MAX_PROGRAM_SIZE
          + "); lower its repetition counts");
    }
    return new Compiled(pattern, null);
  }

  /** How many patterns were compiled since the class loaded (tests: proof that evaluation compiles none). */
  static long compilations() {
    return COMPILATIONS.get();
  }

  private static Compiled refused(String why) {
    return new Compiled(null, why);
  }

  /**
   * Why the pattern is too deep or too large, or {@code null}. Walks the pattern once: a group is the sum of
   * what it holds, a repetition multiplies what it repeats by its largest count. Character classes and
   * escapes count as one; anything not understood counts as a literal, which only makes the estimate larger
   * for a pattern the compiler then refuses anyway.
   */
  private static String estimate(String pattern) {
    Deque<long[]> groups = new ArrayDeque<>();
    long[] current = {0, 0}; // {size of the group so far, size of its last item}
    int i = 0;
    while (i < pattern.length()) {
      char c = pattern.charAt(i);
      long item = 1;
      switch (c) {
        case '(' -> {
          if (groups.size() == MAX_NESTING) {
            return "nests groups more than " + MAX_NESTING + " deep";
          }
          groups.push(current);
          current = new long[] {0, 0};
          i++;
          continue;
        }
        case ')' -> {
          if (groups.isEmpty()) {
            i++;
            break;
          }
          item = current[0] + 2;
          current = groups.pop();
          i++;
        }
        case '[' -> i = endOfClass(pattern, i);
        case '\\' -> {
          int end = endOfEscape(pattern, i);
          item = pattern.startsWith("\\Q", i) ? Math.max(1, end - i - 4) : 1;
          i = end;
        }
        case '*', '+', '?' -> {
          current[0] += 1;
          current[1] += 1;
          i++;
          continue;
        }
        case '{' -> {
          int[] repeat = repeat(pattern, i);
          if (repeat == null) {
            i++;
            break;
          }
          long repeated = current[1] * repeat[1] + 2; // both bounded: no overflow
          current[0] = current[0] - current[1] + repeated;
          current[1] = repeated;
          i = repeat[0];
          if (current[0] > MAX_ESTIMATE) {
            return tooLarge();
          }
          continue;
        }
        default -> i++;
      }
      current[0] += item;
      current[1] = item;
      if (current[0] > MAX_ESTIMATE) {
        return tooLarge();
      }
    }
    return null;
  }

  private static String tooLarge() {
    return "would compile to more than " + MAX_ESTIMATE + " instructions (at most " + MAX_PROGRAM_SIZE
        + "); lower its repetition counts";
  }

  /** The index after the character class opening at {@code start} (RE2: a {@code ]} first is literal). */
  private static int endOfClass(String pattern, int start) {
    int i = start + 1;
    if (i < pattern.length() && pattern.charAt(i) == '^') {
      i++;
    }
    if (i < pattern.length() && pattern.charAt(i) == ']') {
      i++;
    }
    while (i < pattern.length() && pattern.charAt(i) != ']') {
      i += pattern.charAt(i) == '\\' ? 2 : 1;
    }
    return Math.min(i + 1, pattern.length());
  }

  /** The index after the escape at {@code start}: {@code \Q...\E} and {@code \p{...}} as a whole. */
  private static int endOfEscape(String pattern, int start) {
    if (pattern.startsWith("\\Q", start)) {
      int end = pattern.indexOf("\\E", start + 2);
      return end < 0 ? pattern.length() : end + 2;
    }
    if (start + 1 >= pattern.length()) {
      return pattern.length();
    }
    char kind = pattern.charAt(start + 1);
    int i = start + 2;
    if ((kind == 'p' || kind == 'P' || kind == 'x') && i < pattern.length() && pattern.charAt(i) == '{') {
      int close = pattern.indexOf('}', i);
      return close < 0 ? pattern.length() : close + 1;
    }
    return i;
  }

  /**
   * For a counted repetition {@code {n}}, {@code {n,}} or {@code {n,m}} at {@code start}: its end and its
   * largest count; {@code null} when the brace is a literal.
   */
  private static int[] repeat(String pattern, int start) {
    int i = start + 1;
    int digits = i;
    while (i < pattern.length() && Character.isDigit(pattern.charAt(i))) {
      i++;
    }
    if (i == digits) {
      return null;
    }
    int largest = count(pattern, digits, i);
    if (i < pattern.length() && pattern.charAt(i) == ',') {
      int max = ++i;
      while (i < pattern.length() && Character.isDigit(pattern.charAt(i))) {
        i++;
      }
      largest = i == max ? largest + 1 : Math.max(largest, count(pattern, max, i));
    }
    if (i >= pattern.length() || pattern.charAt(i) != '}') {
      return null;
    }
    return new int[] {i + 1, largest};
  }

  private static int count(String pattern, int from, int to) {
    return to - from > 4 ? MAX_REPEAT + 1 : Math.min(Integer.parseInt(pattern, from, to, 10), MAX_REPEAT + 1);
  }
}
