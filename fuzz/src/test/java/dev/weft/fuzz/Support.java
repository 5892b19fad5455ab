package dev.weft.fuzz;

/**
 * Sources compiled with every batch of generated programs (package {@code fz}): stage factories,
 * the trace, and the reference {@code await} that simply blocks.
 */
final class Support {
  /** Stages, trace and helper types of every program. */
  static final String FZ =
      """
      package fz;

      import dev.weft.Promise;
      import dev.weft.Task;
      import java.util.ArrayList;
      import java.util.Arrays;
      import java.util.List;
      import java.util.concurrent.Executor;
      import java.util.concurrent.ForkJoinPool;

      public final class Fz {
        public static long H = 17;
        public static final List<String> EV = new ArrayList<>();
        public static int CALLS;
        private static final Executor OTHER = ForkJoinPool.commonPool();

        private Fz() {}

        public static void t(long v) { H = H * 1_000_003L + v; }
        public static void t(int v) { t((long) v); }
        public static void t(double v) { t(Double.doubleToLongBits(v)); }
        public static void t(boolean v) { t(v ? 1L : 2L); }
        public static void t(String v) { t((long) v.hashCode()); }
        public static void t(int[] v) { t((long) Arrays.hashCode(v)); }
        public static void t(Box v) { t(v.h()); }
        public static void tI(int v) { t(v); }
        public static void tJ(long v) { t(v); }
        public static void tD(double v) { t(v); }
        public static void tZ(boolean v) { t(v); }
        public static void tS(String v) { t(v); }
        public static void tA(int[] v) { t(v); }
        public static void tB(Box v) { t(v); }
        public static int y(int v) { return v; }
        public static long y(long v) { return v; }
        public static double y(double v) { return v; }
        public static boolean y(boolean v) { return v; }
        public static String y(String v) { return v; }
        public static int[] y(int[] v) { return v; }
        public static Box y(Box v) { return v; }
        public static void ev(String s) { if (EV.size() < 48) EV.add(s); t((long) s.hashCode()); }
        /** The budget of generated calls per run: keeps recursion bounded. */
        public static boolean c() { return CALLS++ < 24; }

        /** k = 0: completed now; otherwise completed by another thread, maybe before the await. */
        public static <T> Task<T> st(T v, int k) {
          if (k == 0) return Task.completed(v);
          Promise<T> p = Task.promise();
          OTHER.execute(() -> p.complete(v));
          return p;
        }
        public static <T> Task<T> fl(int code, int k) {
          if (k == 0) return Task.failed(new FzEx(code));
          Promise<T> p = Task.promise();
          OTHER.execute(() -> p.fail(new FzEx(code)));
          return p;
        }
        public static Task<Integer> si(int v, int k) { return st(v, k); }
        public static Task<Long> sl(long v, int k) { return st(v, k); }
        public static Task<Double> sd(double v, int k) { return st(v, k); }
        public static Task<Boolean> sb(boolean v, int k) { return st(v, k); }
        public static Task<String> ss(String v, int k) { return st(v, k); }
        public static Task<int[]> sa(int[] v, int k) { return st(v, k); }
        public static Task<Box> sx(Box v, int k) { return st(v, k); }

        public static void t(float v) { t(Float.floatToIntBits(v)); }
        public static void tY(byte v) { t((long) v); }
        public static void tH(short v) { t((long) v); }
        public static void tC(char v) { t((long) v); }
        public static void tF(float v) { t(v); }
        public static void tE(Col v) { t((long) v.ordinal() * 13 + 1); }
        public static byte y(byte v) { return v; }
        public static short y(short v) { return v; }
        public static char y(char v) { return v; }
        public static float y(float v) { return v; }
        public static Col y(Col v) { return v; }
        public static Task<Byte> sy(byte v, int k) { return st(v, k); }
        public static Task<Short> sh(short v, int k) { return st(v, k); }
        public static Task<Character> sc(char v, int k) { return st(v, k); }
        public static Task<Float> sf(float v, int k) { return st(v, k); }
        public static Task<Col> se(Col v, int k) { return st(v, k); }
        /** A stage of {@code v}, or (code >= 0) one failed with the checked {@link FzChecked}. */
        public static <T> Task<T> sk(T v, int code, int k) {
          if (code < 0) return st(v, k);
          if (k == 0) return Task.failed(new FzChecked(code));
          Promise<T> p = Task.promise();
          OTHER.execute(() -> p.fail(new FzChecked(code)));
          return p;
        }
        /** A stage of {@code v}, or (code >= 0) one failed with the checked {@link FzOther}. */
        public static <T> Task<T> sk2(T v, int code, int k) {
          if (code < 0) return st(v, k);
          if (k == 0) return Task.failed(new FzOther(code));
          Promise<T> p = Task.promise();
          OTHER.execute(() -> p.fail(new FzOther(code)));
          return p;
        }
        public static Col col(int i) { return Col.values()[Math.floorMod(i, 4)]; }
        public static char ch(int i) { return (char) ('a' + Math.floorMod(i, 26)); }

        public static int fm(int a, int b) { return Math.floorMod(a, b); }
        public static int di(double v) { return (int) v; }
        public static int li(long v) { return (int) (v ^ (v >>> 32)); }
        public static long m4(int a, long b, double c, String s) {
          return a * 31L + b * 7L + Double.doubleToLongBits(c) + s.hashCode();
        }
        public static int mix(int a, int b, int c) { return a * 31 + b * 7 + c; }
        public static String cap(String s) { return s.length() > 24 ? s.substring(s.length() - 24) : s; }
        public static String pick(int i) { return switch (Math.floorMod(i, 4)) { case 0 -> "a"; case 1 -> "b"; case 2 -> "c"; default -> "d"; }; }
        public static int idx(int i, int[] a) { return Math.floorMod(i, a.length); }

        public static String desc(Throwable e) {
          if (e instanceof FzEx f) return "FzEx" + f.code;
          if (e instanceof FzChecked f) return "FzChecked" + f.code;
          if (e instanceof FzOther f) return "FzOther" + f.code;
          return e.getClass().getName() + ":" + e.getMessage();
        }

        public static final class FzEx extends RuntimeException {
          public final int code;
          public FzEx(int code) { super("fz" + code, null, false, false); this.code = code; }
        }

        /** A checked exception, awaited with {@code await(stage, FzChecked.class)}. */
        public static final class FzChecked extends Exception {
          public final int code;
          public FzChecked(int code) { super("fzc" + code, null, false, false); this.code = code; }
        }

        /** The second checked type of {@code await(stage, FzChecked.class, FzOther.class)}. */
        public static final class FzOther extends Exception {
          public final int code;
          public FzOther(int code) { super("fzo" + code, null, false, false); this.code = code; }
        }

        public enum Col { RED, GREEN, BLUE, GRAY }

        public static final class Box {
          public final int a;
          public final String s;
          public Box(int a, String s) { this.a = a; this.s = s; }
          public long h() { return a * 1_000_003L + s.hashCode(); }
        }

        public static final class Res implements AutoCloseable {
          public final int id;
          public Res(int id) { this.id = id; ev("open" + id); }
          @Override public void close() { ev("close" + id); }
        }
      }
      """;

  /** The reference runtime: {@code await} blocks for the stage and rethrows its cause as is. */
  static final String REF =
      """
      package fz;

      import java.util.concurrent.CompletionException;
      import java.util.concurrent.CompletionStage;
      import java.util.concurrent.ExecutionException;

      public final class Ref {
        /** {@code -Dweft.fuzz.corruptReference=true}: the oracle's self-test (every program should mismatch). */
        private static final boolean CORRUPT = Boolean.getBoolean("weft.fuzz.corruptReference");

        private Ref() {}

        @SuppressWarnings("unchecked")
        public static <T> T await(CompletionStage<T> stage) {
          try {
            T value = stage instanceof java.util.concurrent.Future<?> f
                ? (T) f.get() : stage.toCompletableFuture().get();
            if (CORRUPT && value instanceof Integer i) {
              return (T) (Integer) (i + 1); // self-test of the oracle: a deliberately wrong reference
            }
            return value;
          } catch (ExecutionException | CompletionException e) {
            throw Ref.<RuntimeException>sneaky(e.getCause());
          } catch (InterruptedException e) {
            throw new IllegalStateException(e);
          }
        }

        /** {@code Task.await(stage, type)}: the failure is rethrown as is, {@code X} or unchecked. */
        public static <T, X extends Exception> T await(CompletionStage<T> stage, Class<X> exceptionType) throws X {
          return await(stage);
        }

        /** {@code Task.await(stage, x, y)}: the failure is rethrown as is, {@code X}, {@code Y} or unchecked. */
        public static <T, X extends Exception, Y extends Exception> T await(
            CompletionStage<T> stage, Class<X> x, Class<Y> y) throws X, Y {
          return await(stage);
        }

        @SuppressWarnings("unchecked")
        private static <X extends Throwable> X sneaky(Throwable t) throws X {
          throw (X) t;
        }
      }
      """;

  private Support() {}
}
