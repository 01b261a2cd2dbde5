package dev.invokerguard.policy;

import dev.invokerguard.policy.PlainCondition.Attribute;
import dev.invokerguard.policy.PlainCondition.StringOp;
import dev.invokerguard.policy.PlainCondition.TimeOp;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Recognises the condition shapes most Cloud Run policies use and turns them into a {@link PlainCondition}
 * without cel-java: {@code request.host} / {@code request.path} {@code ==}, {@code !=}, {@code .startsWith(...)},
 * {@code .endsWith(...)} a string literal without escapes; {@code request.time} {@code <}, {@code <=}, {@code >},
 * {@code >=}, {@code ==}, {@code !=} a {@code timestamp("YYYY-MM-DDThh:mm:ss[.f]Z")} literal; {@code &&},
 * {@code ||}, {@code !} of a parenthesised test or a method call, and parentheses. Every expression it accepts
 * is one CEL parses, type-checks and evaluates to the same value with no load error or warning; anything else
 * (another shape, an escape, a comment, a literal that does not parse, more logical operators than IAM allows,
 * deep nesting) gives {@code null}, and the expression goes to {@link CelConditionCompiler}, which reports
 * errors and warnings. See the <a href="https://github.com/google/cel-spec/blob/master/doc/langdef.md">CEL
 * language definition</a>.
 */
final class PlainConditionParser {

  static final int MAX_LENGTH = 4096;
  private static final int MAX_DEPTH = 16;
  /**
   * RFC 3339 in UTC, the form every CEL implementation parses alike; the year from 1000 on, no hour 24 and no
   * leap second (which {@link Instant#parse} would read as the next day or minute, and CEL refuses).
   */
  private static final Pattern TIMESTAMP =
      Pattern.compile("[1-9][0-9]{3}-[0-9]{2}-[0-9]{2}T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\\.[0-9]{1,9})?Z");

  private enum Kind { NAME, STRING, LPAREN, RPAREN, AND, OR, NOT, EQ, NE, LT, LE, GT, GE, END }

  private record Token(Kind kind, String text) {}

  private final List<Token> tokens;
  private int next;
  private int depth;

  private PlainConditionParser(List<Token> tokens) {
    this.tokens = tokens;
  }

  /** The plain condition, or {@code null} when the expression is not one of the plain shapes. */
  static @Nullable PlainCondition parse(String expression) {
    if (expression == null || expression.length() > MAX_LENGTH) {
      return null;
    }
    List<Token> tokens = tokenize(expression);
    if (tokens == null || logicalOperators(tokens) > ConditionNameRules.MAX_LOGICAL_OPERATORS) {
      return null;
    }
    PlainConditionParser parser = new PlainConditionParser(tokens);
    PlainCondition condition = parser.or();
    return condition != null && parser.peek() == Kind.END ? condition : null;
  }

  private static int logicalOperators(List<Token> tokens) {
    int count = 0;
    for (Token token : tokens) {
      if (token.kind == Kind.AND || token.kind == Kind.OR || token.kind == Kind.NOT) {
        count++;
      }
    }
    return count;
  }

  private @Nullable PlainCondition or() {
    List<PlainCondition> operands = new ArrayList<>();
    do {
      PlainCondition operand = and();
      if (operand == null) {
        return null;
      }
      operands.add(operand);
    } while (accept(Kind.OR));
    return operands.size() == 1 ? operands.get(0) : new PlainCondition.Or(operands);
  }

  private @Nullable PlainCondition and() {
    List<PlainCondition> operands = new ArrayList<>();
    do {
      PlainCondition operand = unary();
      if (operand == null) {
        return null;
      }
      operands.add(operand);
    } while (accept(Kind.AND));
    return operands.size() == 1 ? operands.get(0) : new PlainCondition.And(operands);
  }

  /** {@code !} binds tighter than a comparison in CEL: it may only precede a parenthesis or a method call. */
  private @Nullable PlainCondition unary() {
    if (accept(Kind.NOT)) {
      PlainCondition operand = peek() == Kind.LPAREN ? parenthesised() : methodCall();
      return operand == null ? null : new PlainCondition.Not(operand);
    }
    if (peek() == Kind.LPAREN) {
      return parenthesised();
    }
    return test();
  }

  private @Nullable PlainCondition parenthesised() {
    if (!accept(Kind.LPAREN) || ++depth > MAX_DEPTH) {
      return null;
    }
    PlainCondition inner = or();
    depth--;
    return inner != null && accept(Kind.RPAREN) ? inner : null;
  }

  private @Nullable PlainCondition test() {
    if (peek() == Kind.STRING) {
      String literal = take().text;
      StringOp op = equality();
      Attribute attribute = peek() == Kind.NAME ? attribute(take().text) : null;
      return op == null || attribute == null ? null : new PlainCondition.StringTest(attribute, op, literal);
    }
    if (peek() != Kind.NAME) {
      return null;
    }
    String name = tokens.get(next).text;
    if (name.equals(IamCelEnvironment.TIME)) {
      take();
      TimeOp op = timeOp();
      Instant literal = op == null ? null : timestamp();
      return literal == null ? null : new PlainCondition.TimeTest(op, literal);
    }
    if (name.equals("timestamp")) {
      Instant literal = timestamp();
      TimeOp op = literal == null ? null : timeOp();
      boolean time = op != null && peek() == Kind.NAME && take().text.equals(IamCelEnvironment.TIME);
      return time ? new PlainCondition.TimeTest(mirror(op), literal) : null;
    }
    Attribute attribute = attribute(name);
    if (attribute != null) {
      take();
      StringOp op = equality();
      return op != null && peek() == Kind.STRING ? new PlainCondition.StringTest(attribute, op, take().text) : null;
    }
    return methodCall();
  }

  /** {@code request.host.startsWith("...")} and the like. */
  private @Nullable PlainCondition methodCall() {
    if (peek() != Kind.NAME) {
      return null;
    }
    String name = take().text;
    int dot = name.lastIndexOf('.');
    Attribute attribute = dot < 0 ? null : attribute(name.substring(0, dot));
    StringOp op = dot < 0 ? null : switch (name.substring(dot + 1)) {
      case "startsWith" -> StringOp.STARTS_WITH;
      case "endsWith" -> StringOp.ENDS_WITH;
      default -> null;
    };
    if (attribute == null || op == null || !accept(Kind.LPAREN) || peek() != Kind.STRING) {
      return null;
    }
    String literal = take().text;
    return accept(Kind.RPAREN) ? new PlainCondition.StringTest(attribute, op, literal) : null;
  }

  /** {@code timestamp("...")} with a literal in the one form accepted here. */
  private @Nullable Instant timestamp() {
    if (peek() != Kind.NAME || !take().text.equals("timestamp") || !accept(Kind.LPAREN) || peek() != Kind.STRING) {
      return null;
    }
    String literal = take().text;
    if (!accept(Kind.RPAREN) || !TIMESTAMP.matcher(literal).matches()) {
      return null;
    }
    try {
      return Instant.parse(literal);
    } catch (DateTimeException e) {
      return null;
    }
  }

  private @Nullable StringOp equality() {
    return accept(Kind.EQ) ? StringOp.EQUALS : accept(Kind.NE) ? StringOp.NOT_EQUALS : null;
  }

  private @Nullable TimeOp timeOp() {
    Kind kind = peek();
    TimeOp op = switch (kind) {
      case LT -> TimeOp.LESS;
      case LE -> TimeOp.LESS_EQUALS;
      case GT -> TimeOp.GREATER;
      case GE -> TimeOp.GREATER_EQUALS;
      case EQ -> TimeOp.EQUALS;
      case NE -> TimeOp.NOT_EQUALS;
      default -> null;
    };
    if (op != null) {
      take();
    }
    return op;
  }

  /** {@code literal <op> request.time} as {@code request.time <op'> literal}. */
  private static TimeOp mirror(TimeOp op) {
    return switch (op) {
      case LESS -> TimeOp.GREATER;
      case LESS_EQUALS -> TimeOp.GREATER_EQUALS;
      case GREATER -> TimeOp.LESS;
      case GREATER_EQUALS -> TimeOp.LESS_EQUALS;
      case EQUALS, NOT_EQUALS -> op;
    };
  }

  private static @Nullable Attribute attribute(String name) {
    return switch (name) {
      case IamCelEnvironment.HOST -> Attribute.HOST;
      case IamCelEnvironment.PATH -> Attribute.PATH;
      default -> null;
    };
  }

  private Kind peek() {
    return tokens.get(next).kind;
  }

  private Token take() {
    return tokens.get(next++);
  }

  private boolean accept(Kind kind) {
    if (peek() != kind) {
      return false;
    }
    next++;
    return true;
  }

  /** The tokens, or {@code null} at the first character outside the plain shapes. */
  private static @Nullable List<Token> tokenize(String text) {
    List<Token> tokens = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
        i++;
        continue;
      }
      String pair = i + 1 < text.length() ? text.substring(i, i + 2) : "";
      Kind two = switch (pair) {
        case "&&" -> Kind.AND;
        case "||" -> Kind.OR;
        case "==" -> Kind.EQ;
        case "!=" -> Kind.NE;
        case "<=" -> Kind.LE;
        case ">=" -> Kind.GE;
        default -> null;
      };
      if (two != null) {
        tokens.add(new Token(two, pair));
        i += 2;
        continue;
      }
      Kind one = switch (c) {
        case '(' -> Kind.LPAREN;
        case ')' -> Kind.RPAREN;
        case '!' -> Kind.NOT;
        case '<' -> Kind.LT;
        case '>' -> Kind.GT;
        default -> null;
      };
      if (one != null) {
        tokens.add(new Token(one, String.valueOf(c)));
        i++;
      } else if (c == '"' || c == '\'') {
        int end = stringEnd(text, i);
        if (end < 0) {
          return null;
        }
        tokens.add(new Token(Kind.STRING, text.substring(i + 1, end)));
        i = end + 1;
      } else if (isIdentifierStart(c)) {
        int end = nameEnd(text, i);
        if (end < 0) {
          return null;
        }
        tokens.add(new Token(Kind.NAME, text.substring(i, end)));
        i = end;
      } else {
        return null;
      }
    }
    tokens.add(new Token(Kind.END, ""));
    return tokens;
  }

  /** The closing quote of a literal without escapes, control characters or surrogates, or -1. */
  private static int stringEnd(String text, int open) {
    char quote = text.charAt(open);
    for (int i = open + 1; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == quote) {
        return i;
      }
      if (c == '\\' || c < 0x20 || c == 0x7f || Character.isSurrogate(c)) {
        return -1;
      }
    }
    return -1;
  }

  /** The end of a dotted name ({@code request.path.startsWith}), or -1 if it is malformed. */
  private static int nameEnd(String text, int start) {
    int i = start;
    while (true) {
      if (i >= text.length() || !isIdentifierStart(text.charAt(i))) {
        return -1;
      }
      while (i < text.length() && isIdentifierPart(text.charAt(i))) {
        i++;
      }
      if (i < text.length() && text.charAt(i) == '.') {
        i++;
      } else {
        return i;
      }
    }
  }

  private static boolean isIdentifierStart(char c) {
    return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static boolean isIdentifierPart(char c) {
    return isIdentifierStart(c) || (c >= '0' && c <= '9');
  }
}
