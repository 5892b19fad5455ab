// weft-fuzz regression, seed 20261126
// Replayed by RegressionTest: AWAIT_HOLDER becomes dev.weft.Task (woven) or fz.Ref (reference).
// Found as: LOAD/RUN (DIRECT): java.lang.ClassFormatError: Duplicate method name "m0" with signature "(Lfz.P1352906;IJLdev.weft.Coroutine;)Ljava.lang.Object;" in class file fz/P1352906
// LOAD/RUN (DIRECT): java.lang.ClassFormatError: Duplicate method name "m0" with signature "(Lfz.P1352906;IJLdev.weft.Coroutine;)Ljava.lang.Object;" in class file fz/P1352906
// 	at java.base/java.lang.ClassLoader.defineClass1(Native Method)
// 	at java.base/java.lang.ClassLoader.defineClass(ClassLoader.java:1017)
// 	at java.base/java.lang.ClassLoader.defineClass(ClassLoader.java:879)
// 	at dev.weft.weaver.ByteLoader.findClass(ByteLoader.java:38)
// 	at dev.weft.weaver.ByteLoader.loadClass(ByteLoader.java:78)
// 	at java.base/java.lang.ClassLoader.loadClass(ClassLoader.java:525)
// 	at java.base/java.lang.Class.forName0(Native Method)
// 	at java.base/java.lang.Class.forName(Class.java:467)
// 	at dev.weft.fuzz.Oracle.run(Oracle.java:276)
// 	at dev.weft.fuzz.Oracle.lambda$runGuarded$6(Oracle.java:252)
// 	at java.base/java.util.concurrent.FutureTask.run(FutureTask.java:264)
// 	at java.base/java.lang.Thread.run(Thread.java:840)
// woven:     
// reference: ok:27292 H=17 f=3 EV=[]
package fz;

import static AWAIT_HOLDER.await;

import dev.weft.Task;
import dev.weft.annotations.Async;
import fz.Fz.Box;
import fz.Fz.Col;
import fz.Fz.FzChecked;
import fz.Fz.FzEx;
import fz.Fz.Res;

public final class P1352906 {
  static final P1352906 INST = new P1352906();
  long f = 3;

  @Async
  Task<Long> m0(int d, long x) {
    long acc = x + 0;
    return Task.completed(acc + 0L);
  }
  @Async
  static Task<Long> m0(P1352906 self, int d, long x) {
    long acc = x + 0;
    return Task.completed(acc + (long) (short) ((short) 21788 * (byte) -95));
  }



  public static String run() {
    String outcome;
    try {
      outcome = "ok:" + P1352906.m0(INST, 3, 0L).get(20, java.util.concurrent.TimeUnit.SECONDS);
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
