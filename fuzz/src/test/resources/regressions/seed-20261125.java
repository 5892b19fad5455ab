// weft-fuzz regression, seed 20261125
// Replayed by RegressionTest: AWAIT_HOLDER becomes dev.weft.Task (woven) or fz.Ref (reference).
// Found as: TRACE differs (under -Dweft.fuzz.corruptReference=true: a canary, see README.md)
// TRACE differs
// woven:     ok:673 H=11119226 EV=[]
// reference: ok:673 H=12119229 EV=[]
package fz;

import static AWAIT_HOLDER.await;

import dev.weft.Task;
import dev.weft.annotations.Async;
import fz.Fz.Box;
import fz.Fz.FzEx;
import fz.Fz.Res;

public final class P1352905 {
  @Async
  static Task<Long> m0(int d, long x) {
    long acc = x + 0;
    Fz.tB(new Box(await(Fz.si((-6), 1)), new Box(29, "xyz").s));
    return Task.completed(acc + 574L);
  }

  public static String run() {
    String outcome;
    try {
      outcome = "ok:" + m0(3, 99L).get(20, java.util.concurrent.TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      outcome = "failed:" + Fz.desc(e.getCause());
    } catch (java.util.concurrent.TimeoutException e) {
      outcome = "TIMEOUT";
    } catch (Throwable e) {
      outcome = "failed:" + Fz.desc(e);
    }
    return outcome + " H=" + Fz.H + " EV=" + Fz.EV;
  }
}
