// weft-fuzz regression, seed 20261122
// Replayed by RegressionTest: AWAIT_HOLDER becomes dev.weft.Task (woven) or fz.Ref (reference).
// Found as: WEAVE (DIRECT): fz/P1352902 threw dev.weft.weaver.WeaveException: fz.P1352902$S1.get (line 71): @Async method returns java.lang.Object; it must return Task, CompletableFuture or CompletionStage
// WEAVE (DIRECT): fz/P1352902 threw dev.weft.weaver.WeaveException: fz.P1352902$S1.get (line 23): @Async method returns java.lang.Object; it must return Task, CompletableFuture or CompletionStage
// 	at dev.weft.weaver.Weaver.weave(Weaver.java:89)
// 	at dev.weft.weaver.Weaver.weave(Weaver.java:61)
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
// 	at org.junit.jupiter.engine.descriptor.TestMethodTestDescriptor.execute(TestMethodTestDescriptor.java:159)
// 	at org.junit.jupiter....
// woven:     
// reference: ok:25 H=17 f=3 EV=[]
package fz;

import static AWAIT_HOLDER.await;

import dev.weft.Task;
import dev.weft.annotations.Async;
import fz.Fz.Box;
import fz.Fz.Col;
import fz.Fz.FzChecked;
import fz.Fz.FzEx;
import fz.Fz.Res;

public final class P1352902 {
  static final P1352902 INST = new P1352902();
  long f = 3;

  @Async
  static <T extends Comparable<T>> Task<Long> m0(int d, long x, T tag) {
    long acc = x + 0;
    return Task.completed(acc + 0L);
  }

  static final class S1 implements java.util.function.Supplier<Task<Long>> {
    private final int d;
    private final long x;
    S1(int d, long x) { this.d = d; this.x = x; }
    @Async
    @Override
    public Task<Long> get() {
      long acc = x + 1;
      return Task.completed(acc + 755L);
    }
  }

  public static String run() {
    String outcome;
    try {
      outcome = "ok:" + P1352902.m0(3, 25L, "g0").get(20, java.util.concurrent.TimeUnit.SECONDS);
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
