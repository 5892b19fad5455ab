// weft-fuzz regression, seed 20261217458
// Replayed by RegressionTest: AWAIT_HOLDER becomes dev.weft.Task (woven) or fz.Ref (reference).
// Found as: WEAVE (DIRECT): fz/P4B7A9A4B2 threw dev.weft.weaver.WeaveException: fz.P4B7A9A4B2$D1.m1 (line 81): too large once woven: m1(IJ)Ldev/weft/Task; would have 92025 bytes of code, over the JVM's limit of 65535; split the method into smaller ones
// WEAVE (DIRECT): fz/P4B7A9A4B2 threw dev.weft.weaver.WeaveException: fz.P4B7A9A4B2$D1.m1 (line 41): too large once woven: m1(IJ)Ldev/weft/Task; would have 65537 bytes of code, over the JVM's limit of 65535; split the method into smaller ones
// 	at dev.weft.weaver.Weaver.weaveMethod(Weaver.java:160)
// 	at dev.weft.weaver.Weaver.weave(Weaver.java:114)
// 	at dev.weft.weaver.Weaver.weave(Weaver.java:68)
// 	at dev.weft.fuzz.Modes.direct(Modes.java:64)
// 	at dev.weft.fuzz.Oracle.checkOne(Oracle.java:138)
// 	at dev.weft.fuzz.Oracle.check(Oracle.java:69)
// 	at dev.weft.fuzz.FuzzTest.wovenAgreesWithReference(FuzzTest.java:80)
// 	at java.base/jdk.internal.reflect.NativeMethodAccessorImpl.invoke0(Native Method)
// 	at java.base/jdk.internal.reflect.NativeMethodAccessorImpl.invoke(NativeMethodAccessorImpl.java:77)
// 	at java.base/jdk.internal.reflect.DelegatingMethodAccessorImpl.invoke(DelegatingMethodAccessorImpl.java:43)
// 	at java.base/java.lang.reflect.Method.invoke(Method.java:569)
// 	at org.junit.platform.commons.util.ReflectionUtils.invokeMethod(ReflectionUtils.java:786)
// 	at org.junit.platform.commons.support.ReflectionSupport.invokeMethod(ReflectionSupport.java:514)
// 	at org.junit.jupiter.engine.execution.MethodInvocation.proceed(MethodInvocation.java:60)
// 	at org.junit.jupiter.engine.execution.InvocationInterceptorChain$ValidatingInvocation.proceed(InvocationInterceptorChain.java:131)
// 	at org.junit.jupiter.engine.extension.TimeoutExtension.intercept(TimeoutExtension.java:161)
// 	at org.junit.jupiter.engine.extension.TimeoutExtension.interceptTestableMethod(TimeoutExtension.java:152)
// 	at org.junit.jupiter.engine.extension.TimeoutExtension.interceptTestMethod(TimeoutExtension.java:91)
// 	at org.junit.jupiter.engine.execution.InterceptingExecutableInvoker$ReflectiveInterceptorCall.lambda$ofVoidMethod$0(InterceptingExecutableInvoker.java:112)
// 	at org.junit.jupiter.engine.execution.InterceptingExecutableInvoker.lambda$invoke$0(InterceptingExecutableInvoker.java:94)
// 	at org.junit.jupiter.engine.execution.InvocationInterceptorChain$InterceptedInvocation.proceed(InvocationInterceptorChain.java:106)
// 	at org.junit.jupiter.engine.execution.InvocationInterceptorChain.proceed(InvocationInterceptorChain.java:64)
// 	at org.junit.jupiter.engine.execution.InvocationInterceptorChain.chainAndInvoke(InvocationInterceptorChain.java:45)
// 	at org.junit.jupiter.engine.execution.InvocationInterceptorChain.invoke(InvocationInterceptorChain.java:37)
// 	at org.junit.jupiter.engine.execution.InterceptingExecutableInvoker.invoke(InterceptingExecutableInvoker.java:93)
// 	at org.junit.jupiter.engine.execution.InterceptingExecutableInvoker.invoke(InterceptingExecutableInvoker.java:87)
// 	at org.junit.jupiter.engine.descriptor.TestMethodTestDescriptor.lambda$invokeTestMethod$4(TestMethodTestDescriptor.java:221)
// 	at org.junit.platform.engine.support.hierarchical.ThrowableCollector.execute(ThrowableCollector.java:73)
// 	at org.junit.jupiter.engine.descriptor.TestMethodTestDescriptor.invokeTestMethod(TestMethodTestDescriptor.java:217)
// 	at org.junit.jupiter.engine...
// woven:     
// reference: failed:FzEx1 H=156559139676109 f=3 EV=[]
package fz;

import static AWAIT_HOLDER.await;

import dev.weft.Task;
import dev.weft.annotations.Async;
import fz.Fz.Box;
import fz.Fz.Col;
import fz.Fz.FzChecked;
import fz.Fz.FzEx;
import fz.Fz.Res;

public final class P4B7A9A4B2 {
  static final P4B7A9A4B2 INST = new P4B7A9A4B2();
  static final D1 DF1 = new D1() {};
  long f = 3;

  @Async
  static Task<Long> m0(int d, long x) {
    long acc = x + 0;
    acc += await(d > 0 && Fz.c() ? INST.m2(d - 1, await(d > 0 && Fz.c() ? P4B7A9A4B2.m3(d - 1, x) : Fz.sl(acc, 0))) : Fz.sl((722L + d), 0));
    synchronized (INST) {
        Box v0 = new Box(2, "m");
        int i2 = 0;
        L1:
          i2++;
          x -= (long) ((0.5 < 1.25) ? Fz.ch(d) : (false ? 'a' : '7'));
          acc += Fz.m4((Col.RED.ordinal() << 1), ((false ? x : x) + Fz.mix((-8), i2, i2)), (double) (true ? 92L : acc), (("xyz" + "|" + "") + "|" + Col.BLUE));
          x -= d;
      if (true) throw new FzEx(1);
        boolean v6 = ((false ? Col.GREEN : Col.GRAY).ordinal() != ("q7".length() << 0));
        double v7 = (-2.0);
          Col v16 = Fz.col(((byte) ((byte) 18 + (byte) 24) + (short) Fz.y(d)));
    }
    return Task.completed(acc + ((true || true) ? x : (341L + 2)));
  }

  interface D1 {
    @Async
    default Task<Long> m1(int d, long x) {
      long acc = x + 1;
      Fz.tS(await(Fz.ss((Col.BLUE + "y" + 'a'), 1)));
      try {
        x -= Fz.li(244L);
      } catch (FzEx e18) {
        Fz.tI(e18.code);
        int[] v19 = switch (Fz.fm(await(Fz.si(await(Fz.si(d, 1)), 1)), 3)) {
          case 0 -> {
            switch (Fz.fm(d, 4)) {
              case 0 -> {
                if (false) throw new FzEx(3);
                acc -= (long) (true ? await(Fz.sy((byte) -64, 0)) : (byte) Fz.y(d));
                x *= Fz.m4(Fz.li(new Box(2, "k").h()), await(Fz.sl((x + x), 1)), (1e3 * Fz.li(acc)), "bc");
              }
              case 1 -> {
                acc += ((await(d > 0 && Fz.c() ? P4B7A9A4B2.m3(d - 1, 882L) : Fz.sl(883L, 0)) ^ x) + 23);
                x -= await(Fz.sl(((long) (short) -33070 + (true ? d : d)), 1));
              }
              case 2 -> {
                Box v20 = new Box((switch (Fz.fm(Fz.mix((d + d), (new int[] {16, 30})[Fz.idx(d, new int[] {16, 30})], d), 3)) { case 0 -> (new int[] {d, d, d})[Fz.idx(await(Fz.si(d, 1)), new int[] {d, d, d})]; default -> { try { yield await(Fz.si((await(Fz.sa(new int[] {29, d}, 0)))[Fz.idx(Fz.li(x), await(Fz.sa(new int[] {29, d}, 0)))], 0)); } catch (FzEx e21) { Fz.ev("st" + e21.getMessage()); yield d; } } }), (await(Fz.si(d, 0)) + "x" + acc));
                Col v22 = (await(Fz.sb(await(Fz.<Boolean>fl(4, 1)), 1)) ? Fz.col((d - d)) : Fz.col(Fz.mix(d, d, (-4))));
              }
              default -> {
                x ^= acc;
                Fz.tY((byte) Fz.y(Fz.mix(d, (-2), 12)));
                x *= ((switch (Fz.fm("a".length(), 3)) { case 0 -> "xyz".length(); case 1 -> ((-1) + d); default -> await(Fz.si(d, 0)); }) * Fz.di(((-1.5f) * (byte) 45)));
              }
            }
            yield Fz.y(await(Fz.sa(new int[] {6, 18}, 1)));
          }
          case 1 -> await(Fz.sa(new int[] {d, (-9)}, 0));
          default -> {
            long v23 = Fz.m4(Fz.li(await(d > 0 && Fz.c() ? DF1.m1(d - 1, x) : Fz.sl(acc, 0))), (switch (Fz.fm(await(Fz.si(await(Fz.si(d, 0)), 1)), 3)) { case 0 -> (await(Fz.sb(true, 0)) ? await(Fz.sl(acc, 0)) : await(Fz.sl(x, 0))); default -> { try { yield await(Fz.sl(x, 0)); } catch (FzEx e24) { Fz.ev("st" + e24.getMessage()); yield x; } } }), ((double) acc / (true ? 3.75 : 3.75)), (d + "" + await(Fz.si(d, 0))));
            Fz.tH((short) 32260);
            L25:
            for (int i26 = 0; i26 < 0; i26++) {
              int v27 = Fz.mix(await(Fz.si(new Box(8, "k").a, 0)), (switch (Fz.fm(((short) ((short) -34923 * (byte) -33) * Fz.ch(d)), 3)) { case 0 -> Fz.di((0.5 * i26)); default -> { try { yield await(Fz.si((false ? Fz.li(await(d > 0 && Fz.c() ? DF1.m1(d - 1, 998L) : Fz.sl(71L, 0))) : (switch (Fz.fm(d, 3)) { case 0 -> d; case 1 -> i26; default -> 22; })), 0)); } catch (FzEx e28) { Fz.ev("st" + e28.getMessage()); yield i26; } } }), i26);
              int v29 = Fz.li(await(d > 0 && Fz.c() ? P4B7A9A4B2.m3(d - 1, (long) Fz.li(x)) : Fz.sl(((false || false) ? await(Fz.sl(v23, 0)) : (false ? acc : acc)), 0)));
              Fz.tA(new int[] {i26});
            }
            yield Fz.y(new int[] {6, 6});
          }
        };
      } finally {
        try {
          try (Res r30 = new Res((d + await(Fz.<Integer>fl(5, 1))))) {
            Fz.tI(r30.id);
            x -= acc;
            Fz.tF((float) Fz.y((-2.0)));
            long v31 = (await(Fz.sl((false ? x : x), 1)) * ((0.5 < (-2.0)) ? (x + d) : Fz.m4(8, acc, 1.25, "q7")));
          }
          long v32 = Fz.m4(((d > 17) ? d : Fz.di(1e2f)), ((1e3 < 1.25) ? (true ? 80L : x) : 940L), ((double) 1e2f * ((-2.0) * d)), await(Fz.ss("bc", 0)));
          Fz.tB(new Box(Fz.mix(Fz.di(1e2f), (switch (Fz.fm(await(Fz.si((d << 1), 1)), 3)) { case 0 -> 27; default -> { try { yield await(Fz.si(("xyz".isEmpty() ? (true ? d : d) : (21 ^ d)), 0)); } catch (RuntimeException e34) { Fz.ev("st" + e34.getMessage()); yield d; } } }), (new Box(5, "m").a ^ d)), (("a" + "|" + true) + "|" + (false || true))));
        } catch (FzEx e35) {
          Fz.tI(e35.code);
          Box v36 = new Box(Fz.mix(Fz.li(x), await(Fz.si(d, 0)), "bc".length()), (switch (Fz.fm(await(Fz.si((new int[] {(-10), d})[Fz.idx(d, new int[] {(-10), d})], 0)), 3)) { case 0 -> await(Fz.sx(new Box(6, "k"), 1)).s; default -> { try { yield await(Fz.ss(("" + (true ? acc : x)), 1)); } catch (RuntimeException e37) { Fz.ev("st" + e37.getMessage()); yield "q7"; } } }));
        } finally {
          try {
            Fz.tB(new Box(Fz.mix(await(Fz.si(Fz.mix(d, (-7), d), 1)), (switch (Fz.fm(new Box((-2), "").a, 3)) { case 0 -> await(Fz.si(((-7) << 3), 0)); default -> { try { yield await(Fz.si(d, 1)); } catch (RuntimeException e39) { Fz.ev("st" + e39.getMessage()); yield 3; } } }), await(Fz.si(d, 0))), (Fz.m4(12, acc, 3.75, "xyz") + "y" + 1e2f)));
          } catch (FzEx e40) {
            Fz.tI(e40.code);
            if (await(Fz.sb((true && false), 0))) throw e40;
            Fz.tF(await(Fz.sf((await(Fz.<Boolean>fl(6, 1)) ? (1e2f * (short) 23363) : (true ? 3.25f : 0.5f)), 0)));
            x += 0L;
            Fz.tZ((false && !"xyz".isEmpty()));
          } finally {
            long v41 = Fz.m4((10 << 0), (switch (Fz.fm(await(Fz.si(0, 1)), 3)) { case 0 -> 68L; default -> { try { yield await(Fz.sl(new Box(d, "bc").h(), 1)); } catch (FzEx e42) { Fz.ev("st" + e42.getMessage()); yield acc; } } }), ((double) 3.25f * (1.25 * d)), ((short) Fz.y(d) + "y" + (byte) Fz.y(d)));
            if (false) throw new FzEx(7);
            Fz.tB(new Box(Fz.mix(0, (switch (Fz.fm(Fz.mix(((short) 30518 * ' '), "q7".length(), (d << 1)), 3)) { case 0 -> await(Fz.si(((-8) | 12), 1)); default -> { try { yield await(Fz.<Integer>fl(8, 0)); } catch (FzEx e44) { Fz.ev("st" + e44.getMessage()); yield d; } } }), d), ("" + "|" + (false ? (byte) -126 : (byte) -61))));
          }
          switch (Fz.pick(new Box(d, "a").a)) {
            case "a": {
              Box v45 = new Box(((d / 3) * 0), (switch (Fz.fm(Fz.mix((new int[] {d})[Fz.idx(26, new int[] {d})], new Box(8, "k").a, Fz.li(x)), 3)) { case 0 -> new Box(2, "m").s; default -> { try { yield await(Fz.ss(("" + (byte) 100), 1)); } catch (RuntimeException e46) { Fz.ev("st" + e46.getMessage()); yield "xyz"; } } }));
            }
              break;
            case "b": {
            }
              break;
            default: {
            }
              break;
          }
        }
      }
      return Task.completed(acc + x);
    }
  }

  Task<Long> m2(int d, long x) {
    final long k2 = x * 7 + d;
    return new Object() {
      @Async
      Task<Long> m2(int d, long x) {
        long acc = x + 2;
        Fz.tB(new Box(Fz.mix(((new int[] {d})[Fz.idx(d, new int[] {d})] ^ d), (switch (Fz.fm(d, 3)) { case 0 -> Fz.li(0L); default -> { try { yield await(Fz.si(("" + "xyz").length(), 1)); } catch (FzEx e48) { Fz.ev("st" + e48.getMessage()); yield d; } } }), await(Fz.si(await(Fz.si(d, 1)), 0))), ("" + "|" + await(Fz.se(Col.BLUE, 1)))));
          Fz.tC((char) ((char) ('a' + 1) + 1));
        return Task.completed(acc + Fz.m4((-9), new Box(3, "k").h(), (-2.0), ""));
      }
    }.m2(d, x);
  }

  @Async
  static Task<Long> m3(int d, long x) {
    long acc = x + 3;
    acc += (long) ((x < 369L) ? 'a' : 'a');
    if ((1e3 < (true ? (-2.0) : 1.25))) throw new FzEx(14);
    return Task.completed(acc + x);
  }

  public static String run() {
    String outcome;
    try {
      outcome = "ok:" + P4B7A9A4B2.m0(3, 61L).get(20, java.util.concurrent.TimeUnit.SECONDS);
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
