package dev.weft.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Generates a random, valid, terminating Java program of {@code @Async} methods from a seed
 * (deterministic per seed). The program is one class {@code fz.<name>} in package {@code fz}; its
 * {@code public static String run()} calls {@code m0}, waits for it, and returns the trace (a
 * hash over everything the program computed, a short event list, and the outcome).
 *
 * <p>The text imports {@code await} statically from {@value #AWAIT_MARK}; {@link #woven} and
 * {@link #reference} substitute {@code dev.weft.Task} or the blocking {@code fz.Ref}.
 *
 * <p>The optional {@link Feature}s each draw from the random stream only when enabled: with none,
 * a seed gives the same program as before they existed. One class on purpose, past the usual
 * size: every construct shares the random stream, the scopes and the output, and splitting the
 * grammar over classes would thread that state through each of them.
 */
final class Gen {
  static final String AWAIT_MARK = "AWAIT_HOLDER";

  /** The source whose {@code await} is {@code Task.await}, to be woven. */
  static String woven(String text) {
    return text.replace("import static " + AWAIT_MARK + ".await;", "import static dev.weft.Task.await;");
  }

  /** The source whose {@code await} blocks: the reference semantics. */
  static String reference(String text) {
    return text.replace("import static " + AWAIT_MARK + ".await;", "import static fz.Ref.await;");
  }

  static String className(long seed) {
    return "P" + Long.toHexString(seed).toUpperCase();
  }

  // int, long, double, boolean, String, int[], Box, byte, short, char, float, the enum Col
  private static final char I = 'I', L = 'J', D = 'D', Z = 'Z', S = 'S', A = 'A', B = 'B';
  private static final char Y = 'Y', H = 'H', C = 'C', F = 'F', E = 'E';
  private static final char[] TYPES = {I, L, D, Z, S, A, B, Y, H, C, F, E};
  /** The types whose values print well in a string concatenation. */
  private static final char[] SCALARS = {I, L, D, Z, S, Y, H, C, F, E};

  private record Var(String name, char type, boolean mutable) {}

  /**
   * Where a statement is generated: enclosing loop labels, what may leave it, and whether {@code
   * this} (an instance field {@code f}) is there.
   */
  private record Ctx(List<String> loops, boolean mayReturn, boolean inLoop, boolean hasThis) {
    Ctx inLoop(String label) {
      List<String> l = new ArrayList<>(loops);
      l.add(label);
      return new Ctx(l, mayReturn, true, hasThis);
    }
  }

  /**
   * How a generated method is declared: static; an instance method of the program class; a static
   * generic method with an extra type-parameter argument; a default method of a nested interface;
   * a method of an inner (non-static) class.
   */
  private enum Kind {
    STATIC, INSTANCE, GENERIC, DEFAULT, INNER,
    /** {@link Feature#BRIDGES}: {@code get()} of a class implementing {@code Supplier<Task<Long>>}. */
    SUPPLIER,
    /** {@link Feature#BRIDGES}: a {@code Task<Long>} method implementing a {@code CompletionStage<T>} one. */
    COVARIANT,
    /** {@link Feature#OVERLOADS}: an instance and a static method of one name, alike once woven. */
    OVERLOAD,
    /** {@link Feature#LOCAL}: a method of a local class, called by a plain static method. */
    LOCAL,
    /** {@link Feature#LOCAL}: a method of an anonymous class, called by a plain instance method. */
    ANON
  }

  private final Random r;
  private final Set<Feature> features;
  private final int methods;
  private final Kind[] kinds;
  private String name;
  private final StringBuilder out = new StringBuilder();
  private final List<List<Var>> scopes = new ArrayList<>();
  private int names;
  private int codes;
  private int budget;
  private int indent;
  /** Inside a {@code synchronized} block: no expression or statement may await. */
  private boolean noAwait;

  private Gen(long seed, Set<Feature> features) {
    // java.util.Random's first draws are alike for neighbouring seeds: scramble the seed first
    long z = seed + 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    this.r = new Random(z ^ (z >>> 31));
    this.features = features;
    this.methods = 1 + r.nextInt(4);
    this.kinds = new Kind[methods];
    List<Kind> extra = extraKinds(features);
    for (int m = 0; m < methods; m++) {
      int k = r.nextInt(10);
      // m0 is called by run(): of the base kinds, a member of the program class itself
      kinds[m] = k < 5 ? Kind.STATIC : k < 7 ? Kind.INSTANCE : k < 8 ? Kind.GENERIC
          : m == 0 ? Kind.STATIC : k < 9 ? Kind.DEFAULT : Kind.INNER;
      if (!extra.isEmpty() && r.nextInt(5) < 2) {
        kinds[m] = extra.get(r.nextInt(extra.size()));
      }
    }
  }

  private static List<Kind> extraKinds(Set<Feature> features) {
    List<Kind> kinds = new ArrayList<>();
    if (features.contains(Feature.BRIDGES)) {
      kinds.add(Kind.SUPPLIER);
      kinds.add(Kind.COVARIANT);
    }
    if (features.contains(Feature.OVERLOADS)) {
      kinds.add(Kind.OVERLOAD);
    }
    if (features.contains(Feature.LOCAL)) {
      kinds.add(Kind.LOCAL);
      kinds.add(Kind.ANON);
    }
    return kinds;
  }

  /** The program of {@code seed} with the features of {@code -Dweft.fuzz.features}. */
  static String program(long seed) {
    return program(seed, Feature.SELECTED);
  }

  /** The program of {@code seed}: {@code fz.<className(seed)>}. */
  static String program(long seed, Set<Feature> features) {
    return new Gen(seed, features).generate(className(seed));
  }

  private String generate(String name) {
    this.name = name;
    out.append("package fz;\n\n")
        .append("import static ").append(AWAIT_MARK).append(".await;\n\n")
        .append("import dev.weft.Task;\n")
        .append("import dev.weft.annotations.Async;\n")
        .append("import fz.Fz.Box;\n")
        .append("import fz.Fz.Col;\n")
        .append("import fz.Fz.FzChecked;\n")
        .append("import fz.Fz.FzEx;\n")
        .append("import fz.Fz.FzOther;\n")
        .append("import fz.Fz.Res;\n\n")
        .append("public final class ").append(name).append(" {\n");
    out.append("  static final ").append(name).append(" INST = new ").append(name).append("();\n");
    for (int m = 0; m < methods; m++) {
      if (kinds[m] == Kind.DEFAULT) {
        out.append("  static final D").append(m).append(" DF").append(m).append(" = new D").append(m).append("() {};\n");
      } else if (kinds[m] == Kind.INNER) {
        out.append("  static final N").append(m).append(" IN").append(m).append(" = INST.new N").append(m).append("();\n");
      } else if (kinds[m] == Kind.COVARIANT) {
        out.append("  static final Q").append(m).append("<Long> CS").append(m).append(" = new C").append(m).append("();\n");
      }
    }
    out.append("  long f = 3;\n\n");
    for (int m = 0; m < methods; m++) {
      method(m);
    }
    int d = 1 + r.nextInt(3);
    long x = r.nextInt(100);
    out.append("""
          public static String run() {
            String outcome;
            try {
              outcome = "ok:" + %s.get(20, java.util.concurrent.TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
              outcome = "failed:" + Fz.desc(e.getCause());
            } catch (java.util.concurrent.TimeoutException e) {
              outcome = "TIMEOUT";
            } catch (Throwable e) {
              outcome = "failed:" + Fz.desc(e);
            }
            return outcome + " H=" + Fz.H + " f=" + INST.f + " EV=" + Fz.EV;
          }
        }
        """.formatted(future(call(0, String.valueOf(d), x + "L"))));
    return out.toString();
  }

  /** A call of generated method {@code m}: through the instance, interface or inner object it lives in. */
  private String call(int m, String d, String x) {
    String args = "(" + d + ", " + x + ")";
    return switch (kinds[m]) {
      case STATIC, LOCAL -> name + ".m" + m + args;
      case INSTANCE, ANON -> "INST.m" + m + args;
      case GENERIC -> name + ".m" + m + "(" + d + ", " + x + ", \"g" + m + "\")";
      case DEFAULT -> "DF" + m + ".m" + m + args;
      case INNER -> "IN" + m + ".m" + m + args;
      // through the interface (the bridge), or now and then through the class
      case SUPPLIER -> "((java.util.function.Supplier<Task<Long>>) new S" + m + args + ").get()";
      case COVARIANT -> r.nextInt(4) > 0 ? "CS" + m + ".m" + m + args : "((C" + m + ") CS" + m + ").m" + m + args;
      case OVERLOAD -> r.nextBoolean() ? "INST.m" + m + args : name + ".m" + m + "(INST, " + d + ", " + x + ")";
    };
  }

  /** {@code call} as something with {@code get(timeout, unit)}. */
  private String future(String call) {
    return kinds[0] == Kind.COVARIANT ? call + ".toCompletableFuture()" : call;
  }

  private void method(int m) {
    budget = 14 + r.nextInt(26);
    indent = 1;
    switch (kinds[m]) {
      case SUPPLIER -> supplierMethod(m);
      case COVARIANT -> covariantMethod(m);
      case OVERLOAD -> overloadMethods(m);
      case LOCAL, ANON -> localMethod(m, kinds[m] == Kind.ANON);
      default -> plainMethod(m);
    }
    out.append('\n');
  }

  private void plainMethod(int m) {
    Kind kind = kinds[m];
    if (kind == Kind.DEFAULT) {
      line("interface D" + m + " {");
      indent++;
    } else if (kind == Kind.INNER) {
      line("class N" + m + " {");
      indent++;
    }
    line("@Async");
    line(switch (kind) {
      case INSTANCE, INNER -> "Task<Long> m" + m + "(int d, long x) {";
      case GENERIC -> "static <T extends Comparable<T>> Task<Long> m" + m + "(int d, long x, T tag) {";
      case DEFAULT -> "default Task<Long> m" + m + "(int d, long x) {";
      default -> "static Task<Long> m" + m + "(int d, long x) {";
    });
    body(m, kind == Kind.INSTANCE || kind == Kind.INNER, kind == Kind.GENERIC);
    if (kind == Kind.DEFAULT || kind == Kind.INNER) {
      indent--;
      line("}");
    }
  }

  /**
   * The body of an {@code @Async} method whose locals {@code d} (int) and {@code x} (long) are
   * declared (parameters, or {@code preamble} lines), through its closing brace.
   */
  private void body(int m, boolean hasThis, boolean generic, String... preamble) {
    indent++;
    for (String line : preamble) {
      line(line);
    }
    push();
    declare(new Var("d", I, false));
    declare(new Var("x", L, true));
    line("long acc = x + " + m + ";");
    declare(new Var("acc", L, true));
    Ctx ctx = new Ctx(List.of(), true, false, hasThis);
    block(ctx, 3);
    if (generic) {
      line("acc += tag.compareTo(tag) + String.valueOf(tag).length();");
    }
    line("return Task.completed(acc + " + expr(L, 2) + ");");
    pop();
    indent--;
    line("}");
  }

  /** {@link Kind#SUPPLIER}: javac bridges {@code Object get()} to the {@code @Async Task get()}. */
  private void supplierMethod(int m) {
    line("static final class S" + m + " implements java.util.function.Supplier<Task<Long>> {");
    indent++;
    line("private final int d;");
    line("private final long x;");
    line("S" + m + "(int d, long x) { this.d = d; this.x = x; }");
    line("@Async");
    line("@Override");
    line("public Task<Long> get() {");
    body(m, false, false, "int d = this.d;", "long x = this.x;");
    indent--;
    line("}");
  }

  /** {@link Kind#COVARIANT}: javac bridges {@code CompletionStage m(int, long)} to the {@code @Async Task} one. */
  private void covariantMethod(int m) {
    line("interface Q" + m + "<T> {");
    line("  java.util.concurrent.CompletionStage<T> m" + m + "(int d, long x);");
    line("}");
    line("static final class C" + m + " implements Q" + m + "<Long> {");
    indent++;
    line("@Async");
    line("@Override");
    line("public Task<Long> m" + m + "(int d, long x) {");
    body(m, false, false);
    indent--;
    line("}");
  }

  /** {@link Kind#OVERLOAD}: instance {@code m(int, long)} and static {@code m(Owner, int, long)}. */
  private void overloadMethods(int m) {
    line("@Async");
    line("Task<Long> m" + m + "(int d, long x) {");
    body(m, true, false);
    budget = 8 + r.nextInt(16);
    line("@Async");
    line("static Task<Long> m" + m + "(" + name + " self, int d, long x) {");
    body(m, false, false, "self.f += d;");
  }

  /**
   * {@link Kind#LOCAL} and {@link Kind#ANON}: a plain method declares a local (or anonymous) class
   * whose {@code @Async} method reads a captured local {@code k}, and returns its task.
   */
  private void localMethod(int m, boolean anonymous) {
    line((anonymous ? "" : "static ") + "Task<Long> m" + m + "(int d, long x) {");
    indent++;
    String k = "k" + m;
    line("final long " + k + " = x * 7 + d;");
    if (anonymous) {
      line("return new Object() {");
    } else {
      line("class Loc" + m + " {");
    }
    indent++;
    push();
    declare(new Var(k, L, false));
    line("@Async");
    line("Task<Long> m" + m + "(int d, long x) {");
    body(m, anonymous, false);
    pop();
    indent--;
    if (anonymous) {
      line("}.m" + m + "(d, x);");
    } else {
      line("}");
      line("return new Loc" + m + "().m" + m + "(d, x);");
    }
    indent--;
    line("}");
  }

  // ---- statements ----

  private void block(Ctx ctx, int depth) {
    int n = 1 + r.nextInt(depth >= 2 ? 5 : 3);
    for (int i = 0; i < n && budget > 0; i++) {
      stmt(ctx, depth);
    }
  }

  private void scoped(Ctx ctx, int depth) {
    push();
    block(ctx, depth);
    pop();
  }

  private void stmt(Ctx ctx, int depth) {
    budget--;
    if (features.contains(Feature.SYNC) && !noAwait && depth > 0 && r.nextInt(16) == 0) {
      syncStmt(ctx, depth);
      return;
    }
    if (features.contains(Feature.SWITCH_TRY) && !noAwait && r.nextInt(12) == 0) {
      switchTryStmt();
      return;
    }
    int k = r.nextInt(100);
    if (depth <= 0) {
      k = r.nextInt(45);
    }
    if (k < 14) {
      decl();
    } else if (k < 28) {
      assign();
    } else if (k < 38) {
      char t = TYPES[r.nextInt(TYPES.length)];
      line("Fz.t" + (char) t + "(" + expr(t, 3) + ");");
    } else if (k < 42) {
      line("Fz.ev(\"e" + (names++) + ":\" + " + expr(SCALARS[r.nextInt(SCALARS.length)], 2) + ");");
    } else if (k < 45) {
      leave(ctx);
    } else if (k < 55) {
      ifStmt(ctx, depth);
    } else if (k < 66) {
      loop(ctx, depth);
    } else if (k < 72) {
      switchStmt(ctx, depth);
    } else if (k < 77) {
      switchExprDecl(depth);
    } else if (k < 90) {
      tryStmt(ctx, depth);
    } else if (k < 94) {
      twr(ctx, depth);
    } else if (k < 96 && !noAwait) {
      checkedTry(ctx, depth);
    } else if (k < 96) {
      decl();
    } else if (k < 98) {
      enumSwitch(ctx, depth);
    } else if (ctx.hasThis && r.nextBoolean()) {
      line(r.nextBoolean() ? "f += " + expr(L, 3) + ";" : "Fz.tJ(f);");
    } else {
      line("acc += " + expr(L, 3) + ";");
    }
  }

  private void decl() {
    char t = TYPES[r.nextInt(TYPES.length)];
    String n = "v" + (names++);
    String init = expr(t, 3);
    if (t == S) {
      init = "Fz.cap(" + init + ")";
    }
    line(typeName(t) + " " + n + " = " + init + ";");
    declare(new Var(n, t, true));
  }

  private void assign() {
    List<Var> vs = vars(v -> v.mutable());
    if (vs.isEmpty()) {
      decl();
      return;
    }
    Var v = vs.get(r.nextInt(vs.size()));
    switch (v.type) {
      case I -> {
        String[] ops = {"=", "+=", "-=", "*=", "^=", "|=", "&="};
        String op = ops[r.nextInt(ops.length)];
        if (r.nextInt(6) == 0) {
          line(r.nextBoolean() ? v.name + "++;" : "--" + v.name + ";");
        } else {
          line(v.name + " " + op + " " + expr(I, 3) + ";");
        }
      }
      case L -> {
        String[] ops = {"=", "+=", "-=", "*=", "^="};
        line(v.name + " " + ops[r.nextInt(ops.length)] + " " + expr(r.nextBoolean() ? L : I, 3) + ";");
      }
      case D -> {
        String[] ops = {"=", "+=", "-=", "*="};
        line(v.name + " " + ops[r.nextInt(ops.length)] + " " + expr(D, 3) + ";");
      }
      case Z -> {
        String[] ops = {"=", "&=", "|=", "^="};
        line(v.name + " " + ops[r.nextInt(ops.length)] + " " + expr(Z, 3) + ";");
      }
      case S -> {
        if (r.nextBoolean()) {
          line(v.name + " = Fz.cap(" + expr(S, 3) + ");");
        } else {
          line(v.name + " += " + expr(TYPES[r.nextInt(5)], 2) + ";");
          line(v.name + " = Fz.cap(" + v.name + ");");
        }
      }
      case A -> {
        int k = r.nextInt(4);
        String index = "Fz.idx(" + expr(I, 2) + ", " + v.name + ")";
        if (k == 0) {
          line(v.name + " = " + expr(A, 2) + ";");
        } else if (k == 1) {
          line(v.name + "[" + index + "] = " + expr(I, 3) + ";");
        } else if (k == 2) {
          line(v.name + "[" + index + "] += " + expr(I, 3) + ";");
        } else {
          line(v.name + "[" + index + "]++;");
        }
      }
      case Y, H, C -> {
        int k = r.nextInt(6);
        if (k == 0) {
          line(v.name + (r.nextBoolean() ? "++;" : "--;"));
        } else if (k < 3) {
          line(v.name + " = " + expr(v.type, 3) + ";");
        } else {
          line(v.name + " " + pick("+=", "-=", "^=", "*=") + " " + expr(pickOf(I, Y, H, C), 3) + ";");
        }
      }
      case F -> {
        String[] ops = {"=", "+=", "-=", "*="};
        line(v.name + " " + ops[r.nextInt(ops.length)] + " " + expr(r.nextBoolean() ? F : I, 3) + ";");
      }
      case E -> line(v.name + " = " + expr(E, 2) + ";");
      default -> line(v.name + " = " + expr(B, 2) + ";");
    }
  }

  /** A conditional break, continue, throw or return. */
  private void leave(Ctx ctx) {
    String cond = expr(Z, 2);
    int k = r.nextInt(10);
    if (k < 5 && !ctx.loops.isEmpty()) {
      String label = ctx.loops.get(r.nextInt(ctx.loops.size()));
      String what = r.nextBoolean() ? "break" : "continue";
      line("if (" + cond + ") " + what + (r.nextInt(4) == 0 && label.equals(last(ctx.loops)) ? "" : " " + label) + ";");
    } else if (k < 8 || !ctx.mayReturn) {
      line("if (" + cond + ") throw new FzEx(" + (codes++) + ");");
    } else if (r.nextInt(3) == 0) { // a conditional: its two returned tasks meet at one areturn
      line("if (" + cond + ") return " + expr(Z, 1) + " ? Task.completed(" + expr(L, 2)
          + ") : Task.completed(" + expr(L, 2) + ");");
    } else {
      line("if (" + cond + ") return Task.completed(" + expr(L, 2) + ");");
    }
  }

  private void ifStmt(Ctx ctx, int depth) {
    line("if (" + expr(Z, 3) + ") {");
    nested(ctx, depth - 1);
    if (r.nextBoolean()) {
      line("} else {");
      nested(ctx, depth - 1);
    }
    line("}");
  }

  private void nested(Ctx ctx, int depth) {
    indent++;
    scoped(ctx, depth);
    indent--;
  }

  private void loop(Ctx ctx, int depth) {
    String label = "L" + (names++);
    int k = r.nextInt(3);
    int bound = r.nextInt(4);
    String i = "i" + (names++);
    if (k == 0) {
      line(label + ":");
      line("for (int " + i + " = 0; " + i + " < " + bound + "; " + i + "++) {");
      indent++;
      push();
      declare(new Var(i, I, false));
    } else if (k == 1) {
      line("int " + i + " = 0;");
      declare(new Var(i, I, false));
      line(label + ":");
      line("while (" + i + " < " + bound + (r.nextBoolean() ? " && " + expr(Z, 2) : "") + ") {");
      indent++;
      push();
      line(i + "++;");
    } else {
      line("int " + i + " = 0;");
      declare(new Var(i, I, false));
      line(label + ":");
      line("do {");
      indent++;
      push();
      line(i + "++;");
    }
    block(ctx.inLoop(label), depth - 1);
    pop();
    indent--;
    if (k == 2) {
      line("} while (" + i + " < " + bound + (r.nextBoolean() ? " && " + expr(Z, 2) : "") + ");");
    } else {
      line("}");
    }
  }

  private void switchStmt(Ctx ctx, int depth) {
    boolean strings = r.nextBoolean();
    boolean arrows = r.nextBoolean();
    String selector = strings ? "Fz.pick(" + expr(I, 2) + ")" : "Fz.fm(" + expr(I, 2) + ", 4)";
    line("switch (" + selector + ") {");
    int cases = 1 + r.nextInt(3);
    for (int c = 0; c < cases; c++) {
      String label = strings ? "\"" + (char) ('a' + c) + "\"" : String.valueOf(c);
      caseBody(ctx, depth, "case " + label, arrows);
    }
    if (r.nextBoolean()) {
      caseBody(ctx, depth, "default", arrows);
    }
    line("}");
  }

  private void caseBody(Ctx ctx, int depth, String label, boolean arrows) {
    indent++;
    if (arrows) {
      line(label + " -> {");
      nested(ctx, depth - 1);
      line("}");
    } else {
      line(label + ": {");
      nested(ctx, depth - 1);
      line("}");
      if (r.nextInt(3) > 0) {
        indent++;
        line("break;");
        indent--;
      }
    }
    indent--;
  }

  /** {@code T v = switch (..) { case .. -> e; case .. -> { stmts; yield e; } default -> .. };} */
  private void switchExprDecl(int depth) {
    char t = TYPES[r.nextInt(TYPES.length)];
    String n = "v" + (names++);
    line(typeName(t) + " " + n + " = switch (Fz.fm(" + expr(I, 2) + ", 3)) {");
    indent++;
    Ctx inside = new Ctx(List.of(), false, false, false);
    for (String label : new String[] {"case 0", "case 1", "default"}) {
      if (r.nextBoolean()) {
        line(label + " -> " + expr(t, 2) + ";");
      } else {
        line(label + " -> {");
        indent++;
        push();
        block(inside, depth - 1);
        line("yield Fz.y(" + expr(t, 2) + ");");
        pop();
        indent--;
        line("}");
      }
    }
    indent--;
    line("};");
    declare(new Var(n, t, true));
  }

  private void tryStmt(Ctx ctx, int depth) {
    line("try {");
    nested(ctx, depth - 1);
    int k = r.nextInt(4);
    if (k != 3) {
      String e = "e" + (names++);
      line("} catch (FzEx " + e + ") {");
      indent++;
      push();
      line("Fz.tI(" + e + ".code);");
      if (r.nextInt(4) == 0) {
        line("if (" + expr(Z, 2) + ") throw " + e + ";");
      }
      block(ctx, depth - 1);
      pop();
      indent--;
      if (r.nextInt(4) == 0) {
        String e2 = "e" + (names++);
        line("} catch (RuntimeException " + e2 + ") {");
        indent++;
        line("Fz.ev(\"rt\" + " + e2 + ".getClass().getSimpleName());");
        indent--;
      }
    }
    if (k >= 2) {
      line("} finally {");
      nested(ctx, depth - 1);
    }
    line("}");
  }

  /**
   * {@code try { .. await(stage, FzChecked.class) .. } catch (FzChecked e) { .. }}: a stage failed
   * with a checked exception, rethrown as is at the await. One time in three the await declares two
   * types, {@code await(stage, FzChecked.class, FzOther.class)}, the stage fails with either, and
   * each has its catch.
   */
  private void checkedTry(Ctx ctx, int depth) {
    line("try {");
    indent++;
    push();
    char t = pickOf(I, L, S, Y, C, F, E);
    String v = "v" + (names++);
    int code = r.nextInt(3) == 0 ? -1 : codes++;
    boolean two = r.nextInt(3) == 0;
    String stage = two && r.nextBoolean() ? "sk2" : "sk";
    line(typeName(t) + " " + v + " = await(Fz.<" + boxed(t) + ">" + stage + "(" + expr(t, 2) + ", " + code + ", "
        + kind() + "), FzChecked.class" + (two ? ", FzOther.class" : "") + ");");
    declare(new Var(v, t, true));
    line("Fz.t" + t + "(" + v + ");");
    block(ctx, depth - 1);
    pop();
    indent--;
    catchChecked(ctx, depth, "FzChecked", 5);
    if (two) {
      catchChecked(ctx, depth, "FzOther", 7);
    }
    line("}");
  }

  private void catchChecked(Ctx ctx, int depth, String type, int factor) {
    String e = "e" + (names++);
    line("} catch (" + type + " " + e + ") {");
    indent++;
    push();
    line("Fz.tI(" + e + ".code * " + factor + ");");
    block(ctx, depth - 1);
    pop();
    indent--;
  }

  /** A switch on the enum {@code Col}: a statement (arrows or colons) or a declaration by a switch expression. */
  private void enumSwitch(Ctx ctx, int depth) {
    String selector = r.nextInt(3) == 0 && !noAwait ? "await(Fz.se(" + expr(E, 1) + ", " + kind() + "))" : expr(E, 2);
    String[] labels = {"RED", "GREEN", "BLUE", "GRAY"};
    if (r.nextBoolean()) {
      boolean arrows = r.nextBoolean();
      line("switch (" + selector + ") {");
      int cases = 1 + r.nextInt(3);
      for (int c = 0; c < cases; c++) {
        caseBody(ctx, depth, "case " + labels[c], arrows);
      }
      if (r.nextBoolean()) {
        caseBody(ctx, depth, "default", arrows);
      }
      line("}");
      return;
    }
    char t = pickOf(I, L, S, Y, C, F, E, B);
    String n = "v" + (names++);
    boolean exhaustive = r.nextBoolean(); // no default: javac adds one that throws
    line(typeName(t) + " " + n + " = switch (" + selector + ") {");
    indent++;
    Ctx inside = new Ctx(List.of(), false, false, false);
    String[] arms = exhaustive ? new String[] {"case RED, GREEN", "case BLUE", "case GRAY"}
        : new String[] {"case " + labels[r.nextInt(4)], "default"};
    for (String label : arms) {
      if (r.nextBoolean()) {
        line(label + " -> " + expr(t, 2) + ";");
      } else {
        line(label + " -> {");
        indent++;
        push();
        block(inside, depth - 1);
        line("yield Fz.y(" + expr(t, 2) + ");");
        pop();
        indent--;
        line("}");
      }
    }
    indent--;
    line("};");
    declare(new Var(n, t, true));
  }

  /**
   * {@link Feature#SYNC}: {@code synchronized} around statements without awaits (which may still
   * break, continue, throw or return), with an await before or after it now and then.
   */
  private void syncStmt(Ctx ctx, int depth) {
    if (r.nextBoolean()) {
      line("acc += " + await(L, 2) + ";");
    }
    String lock = ctx.hasThis && r.nextInt(3) == 0 ? "this" : pick(name + ".class", "INST", "Fz.EV");
    line("synchronized (" + lock + ") {");
    noAwait = true;
    nested(ctx, Math.min(depth - 1, 2));
    noAwait = false;
    line("}");
    if (r.nextBoolean()) {
      line("acc += " + await(L, 2) + ";");
    }
  }

  private void twr(Ctx ctx, int depth) {
    String n = "r" + (names++);
    line("try (Res " + n + " = new Res(" + expr(I, 2) + ")) {");
    indent++;
    push();
    line("Fz.tI(" + n + ".id);");
    block(ctx, depth - 1);
    pop();
    indent--;
    if (r.nextBoolean()) {
      String e = "e" + (names++);
      line("} catch (FzEx " + e + ") {");
      indent++;
      line("Fz.tI(" + e + ".code * 3);");
      indent--;
    }
    line("}");
  }

  // ---- expressions ----

  private String expr(char t, int depth) {
    if (depth <= 0 || r.nextInt(5) == 0) {
      return leaf(t);
    }
    if (r.nextInt(4) == 0 && !noAwait) {
      return await(t, depth);
    }
    int d = depth - 1;

    switch (t) {
      case I: {
        switch (r.nextInt(12)) {
          case 0: return "(" + expr(I, d) + " " + pick("+", "-", "*", "^", "&", "|") + " " + expr(I, d) + ")";
          case 1: {
            String a = arrayExpr(d);
            return "(" + a + ")[Fz.idx(" + expr(I, d) + ", " + a + ")]";
          }
          case 2: return "(" + expr(Z, d) + " ? " + expr(I, d) + " : " + expr(I, d) + ")";
          case 3: return "Fz.li(" + expr(L, d) + ")";
          case 4: return expr(S, d) + ".length()";
          case 5: return "Fz.mix(" + expr(I, d) + ", " + expr(I, d) + ", " + expr(I, d) + ")";
          case 6: return expr(B, d) + ".a";
          case 7: return "(" + expr(I, d) + " / " + (1 + r.nextInt(5)) + ")";
          case 8: return "(" + expr(I, d) + " << " + r.nextInt(4) + ")";
          case 9: return r.nextBoolean() ? "Fz.di(" + expr(D, d) + ")" : "Fz.di(" + expr(F, d) + ")";
          case 10: {
            switch (r.nextInt(4)) {
              case 0: return "(" + expr(Y, d) + " + " + expr(H, d) + ")";
              case 1: return "(int) " + expr(C, d);
              case 2: return expr(E, d) + ".ordinal()";
              default: return "(" + expr(H, d) + " * " + expr(C, d) + ")";
            }
          }
          default: return "(switch (Fz.fm(" + expr(I, d) + ", 3)) { case 0 -> " + expr(I, d)
              + "; case 1 -> " + expr(I, d) + "; default -> " + expr(I, d) + "; })";
        }
      }
      case L: {
        switch (r.nextInt(6)) {
          case 0: return "(" + expr(L, d) + " " + pick("+", "-", "*", "^") + " " + expr(L, d) + ")";
          case 1: return "(" + expr(L, d) + " + " + expr(I, d) + ")";
          case 2: return "Fz.m4(" + expr(I, d) + ", " + expr(L, d) + ", " + expr(D, d) + ", " + expr(S, d) + ")";
          case 3: return "(" + expr(Z, d) + " ? " + expr(L, d) + " : " + expr(L, d) + ")";
          case 4: return "(long) " + expr(pickOf(I, I, Y, H, C), d);
          default: return expr(B, d) + ".h()";
        }
      }
      case D: {
        switch (r.nextInt(4)) {
          case 0: return "(" + expr(D, d) + " " + pick("+", "-", "*", "/") + " " + expr(D, d) + ")";
          case 1: return "(" + expr(D, d) + " * " + expr(I, d) + ")";
          case 2: return "(" + expr(Z, d) + " ? " + expr(D, d) + " : " + expr(D, d) + ")";
          default: return r.nextBoolean() ? "(double) " + expr(L, d) : "(double) " + expr(F, d);
        }
      }
      case Z: {
        switch (r.nextInt(7)) {
          case 0: return "(" + expr(I, d) + " " + pick("<", "<=", "==", "!=", ">") + " " + expr(I, d) + ")";
          case 1: return "(" + expr(L, d) + " " + pick("<", ">=", "!=") + " " + expr(L, d) + ")";
          case 2: return "(" + expr(D, d) + " < " + expr(D, d) + ")";
          case 3: return "!" + expr(Z, d);
          case 4: return "(" + expr(Z, d) + " && " + expr(Z, d) + ")";
          case 5: return "(" + expr(Z, d) + " || " + expr(Z, d) + ")";
          default: return expr(S, d) + ".isEmpty()";
        }
      }
      case S: {
        switch (r.nextInt(4)) {
          case 0: return "(" + expr(S, d) + " + \"|\" + " + expr(SCALARS[r.nextInt(SCALARS.length)], d) + ")";
          case 1: return "(" + expr(SCALARS[r.nextInt(SCALARS.length)], d) + " + \"" + pick("x", "y", "") + "\" + " + expr(SCALARS[r.nextInt(SCALARS.length)], d) + ")";
          case 2: return "(\"\" + " + expr(SCALARS[r.nextInt(SCALARS.length)], d) + ")";
          default: return expr(B, d) + ".s";
        }
      }
      case A: {
        return arrayExpr(d);
      }
      case Y: {
        switch (r.nextInt(3)) {
          case 0: return "(byte) Fz.y(" + expr(I, d) + ")";
          case 1: return "(byte) (" + expr(Y, d) + " + " + expr(Y, d) + ")";
          default: return "(" + expr(Z, d) + " ? " + expr(Y, d) + " : " + expr(Y, d) + ")";
        }
      }
      case H: {
        switch (r.nextInt(3)) {
          case 0: return "(short) Fz.y(" + expr(I, d) + ")";
          case 1: return "(short) (" + expr(H, d) + " * " + expr(Y, d) + ")";
          default: return "(" + expr(Z, d) + " ? " + expr(H, d) + " : " + expr(H, d) + ")";
        }
      }
      case C: {
        switch (r.nextInt(3)) {
          case 0: return "Fz.ch(" + expr(I, d) + ")";
          case 1: return "(char) (" + expr(C, d) + " + 1)";
          default: return "(" + expr(Z, d) + " ? " + expr(C, d) + " : " + expr(C, d) + ")";
        }
      }
      case F: {
        switch (r.nextInt(4)) {
          case 0: return "(" + expr(F, d) + " " + pick("+", "-", "*") + " " + expr(F, d) + ")";
          case 1: return "(float) Fz.y(" + expr(D, d) + ")";
          case 2: return "(" + expr(F, d) + " * " + expr(pickOf(I, Y, H), d) + ")";
          default: return "(" + expr(Z, d) + " ? " + expr(F, d) + " : " + expr(F, d) + ")";
        }
      }
      case E: {
        return r.nextBoolean() ? "Fz.col(" + expr(I, d) + ")" : "(" + expr(Z, d) + " ? " + expr(E, d) + " : " + expr(E, d) + ")";
      }
      default: {
        return "new Box(" + expr(I, d) + ", " + expr(S, d) + ")";
      }
    }
  }

  /**
   * {@link Feature#SWITCH_TRY}, always at the start of a statement: javac 17 crashes (a
   * NullPointerException in {@code Code.newLocal}) when it must spill a {@code long} or {@code
   * double} from under a switch expression holding a {@code try}, and inside an expression the
   * generator does not know what lies below. Here only ints and objects do.
   */
  private void switchTryStmt() {
    String n = "v" + (names++);
    switch (r.nextInt(4)) {
      case 0 -> {
        line("Box " + n + " = " + switchTryUse(B, 2) + ";");
        declare(new Var(n, B, true));
      }
      case 1 -> {
        line("int " + n + " = " + switchTryUse(I, 2) + ";");
        declare(new Var(n, I, true));
      }
      case 2 -> {
        line("long " + n + " = " + switchTryUse(L, 2) + ";");
        declare(new Var(n, L, true));
      }
      default -> line("Fz.tB(new Box(" + switchTryUse(I, 2) + ", " + expr(S, 2) + "));");
    }
  }

  /**
   * {@link Feature#SWITCH_TRY}: a {@link #switchTry} as a constructor argument or an operand, so
   * that values (an uninitialized {@code new Box}, a left operand) are on the stack below it.
   */
  private String switchTryUse(char t, int d) {
    return switch (t) {
      case B -> r.nextBoolean()
          ? "new Box(" + switchTry(I, d) + ", " + expr(S, d) + ")"
          : "new Box(" + expr(I, d) + ", " + switchTry(S, d) + ")";
      case L -> "Fz.m4(" + expr(I, d) + ", " + switchTry(L, d) + ", " + expr(D, d) + ", " + expr(S, d) + ")";
      default -> r.nextBoolean()
          ? "(" + expr(I, d) + " " + pick("+", "-", "^") + " " + switchTry(I, d) + ")"
          : "Fz.mix(" + expr(I, d) + ", " + switchTry(I, d) + ", " + expr(I, d) + ")";
    };
  }

  /** {@code (switch (..) { case 0 -> e; default -> { try { yield await(..); } catch (..) { yield c; } } })}. */
  private String switchTry(char t, int d) {
    String e = "e" + (names++);
    String caught = pick("FzEx", "RuntimeException");
    return "(switch (Fz.fm(" + expr(I, d) + ", 3)) { case 0 -> " + expr(t, d) + "; default -> { try { yield "
        + await(t, d + 1) + "; } catch (" + caught + " " + e + ") { Fz.ev(\"st\" + " + e
        + ".getMessage()); yield " + leaf(t) + "; } } })";
  }

  private String arrayExpr(int d) {
    List<Var> vs = vars(v -> v.type == A);
    if (!vs.isEmpty() && r.nextInt(3) > 0) {
      return vs.get(r.nextInt(vs.size())).name;
    }
    if (d > 0 && r.nextInt(3) == 0 && !noAwait) {
      return "await(Fz.sa(new int[] {" + expr(I, d - 1) + ", " + expr(I, d - 1) + "}, " + kind() + "))";
    }
    int n = 1 + r.nextInt(3);
    StringBuilder b = new StringBuilder("new int[] {");
    for (int i = 0; i < n; i++) {
      b.append(i > 0 ? ", " : "").append(d > 0 ? expr(I, d - 1) : leaf(I));
    }
    return b.append("}").toString();
  }

  private int kind() {
    return r.nextInt(5) < 3 ? 0 : 1;
  }

  /** An await of a value of type {@code t}: a completed, later, failed stage, or a generated call. */
  private String await(char t, int depth) {
    int d = depth - 1;
    int k = r.nextInt(100);
    if (k < 7) {
      return "await(Fz.<" + boxed(t) + ">fl(" + (codes++) + ", " + r.nextInt(2) + "))";
    }
    if (k < 22 && (t == L || t == I)) {
      String call = "await(d > 0 && Fz.c() ? " + call(r.nextInt(methods), "d - 1", expr(L, d)) + " : Fz.sl("
          + expr(L, d) + ", " + kind() + "))";
      return t == L ? call : "Fz.li(" + call + ")";
    }
    String f = switch (t) {
      case I -> "si"; case L -> "sl"; case D -> "sd"; case Z -> "sb"; case S -> "ss"; case A -> "sa";
      case Y -> "sy"; case H -> "sh"; case C -> "sc"; case F -> "sf"; case E -> "se"; default -> "sx";
    };
    String v = t == A ? arrayExpr(d) : expr(t, d);
    return "await(Fz." + f + "(" + v + ", " + kind() + "))";
  }

  private String leaf(char t) {
    List<Var> vs = vars(v -> v.type == t);
    if (!vs.isEmpty() && r.nextInt(3) > 0) {
      return vs.get(r.nextInt(vs.size())).name;
    }
    return switch (t) {
      case I -> {
        int v = r.nextInt(41) - 10;
        yield v < 0 ? "(" + v + ")" : String.valueOf(v);
      }
      case L -> r.nextInt(1000) + "L";
      case D -> pick("0.5", "1.25", "(-2.0)", "3.75", "1e3");
      case Z -> pick("true", "false");
      case S -> "\"" + pick("", "a", "bc", "xyz", "q7") + "\"";
      case A -> "new int[] {" + r.nextInt(9) + ", " + r.nextInt(9) + "}";
      case Y -> "(byte) " + (r.nextInt(256) - 128);
      case H -> "(short) " + (r.nextInt(70000) - 35000);
      case C -> "'" + pick("a", "z", "Q", "7", " ") + "'";
      case F -> pick("0.5f", "(-1.5f)", "3.25f", "1e2f");
      case E -> "Col." + pick("RED", "GREEN", "BLUE", "GRAY");
      default -> "new Box(" + r.nextInt(9) + ", \"" + pick("k", "m") + "\")";
    };
  }

  // ---- helpers ----

  private String pick(String... options) {
    return options[r.nextInt(options.length)];
  }

  private char pickOf(char... options) {
    return options[r.nextInt(options.length)];
  }

  private static String typeName(char t) {
    return switch (t) {
      case I -> "int"; case L -> "long"; case D -> "double"; case Z -> "boolean";
      case S -> "String"; case A -> "int[]"; case Y -> "byte"; case H -> "short"; case C -> "char";
      case F -> "float"; case E -> "Col"; default -> "Box";
    };
  }

  private static String boxed(char t) {
    return switch (t) {
      case I -> "Integer"; case L -> "Long"; case D -> "Double"; case Z -> "Boolean";
      case S -> "String"; case A -> "int[]"; case Y -> "Byte"; case H -> "Short"; case C -> "Character";
      case F -> "Float"; case E -> "Col"; default -> "Box";
    };
  }

  private static String last(List<String> l) {
    return l.get(l.size() - 1);
  }

  private void push() {
    scopes.add(new ArrayList<>());
  }

  private void pop() {
    scopes.remove(scopes.size() - 1);
  }

  private void declare(Var v) {
    scopes.get(scopes.size() - 1).add(v);
  }

  private List<Var> vars(java.util.function.Predicate<Var> p) {
    List<Var> result = new ArrayList<>();
    for (List<Var> scope : scopes) {
      for (Var v : scope) {
        if (p.test(v)) {
          result.add(v);
        }
      }
    }
    return result;
  }

  private void line(String s) {
    out.append("  ".repeat(indent)).append(s).append('\n');
  }
}
