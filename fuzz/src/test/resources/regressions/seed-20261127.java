// weft-fuzz regression, seed 20261127
// Replayed by RegressionTest: AWAIT_HOLDER becomes dev.weft.Task (woven) or fz.Ref (reference).
// Found as: LOAD (ASM verifier, DIRECT) fz/P1352907: java.lang.ClassFormatError: Duplicate method name "m1" with signature "(Lfz.P1352907$C1;IJLdev.weft.Coroutine;)Ljava.lang.Object;" in class file fz/P1352907$C1
// LOAD (ASM verifier, DIRECT) fz/P1352907: java.lang.ClassFormatError: Duplicate method name "m1" with signature "(Lfz.P1352907$C1;IJLdev.weft.Coroutine;)Ljava.lang.Object;" in class file fz/P1352907$C1
// 	at java.base/java.lang.ClassLoader.defineClass1(Native Method)
// 	at java.base/java.lang.ClassLoader.defineClass(ClassLoader.java:1017)
// 	at java.base/java.lang.ClassLoader.defineClass(ClassLoader.java:879)
// 	at dev.weft.weaver.ByteLoader.findClass(ByteLoader.java:38)
// 	at dev.weft.weaver.ByteLoader.loadClass(ByteLoader.java:78)
// 	at java.base/java.lang.ClassLoader.loadClass(ClassLoader.java:525)
// 	at java.base/java.lang.Class.forName0(Native Method)
// 	at java.base/java.lang.Class.forName(Class.java:467)
// 	at org.objectweb.asm.tree.analysis.SimpleVerifier.getClass(SimpleVerifier.java:447)
// 	at org.objectweb.asm.tree.analysis.SimpleVerifier.isAssignableFrom(SimpleVerifier.java:429)
// 	at org.objectweb.asm.tree.analysis.SimpleVerifier.isSubTypeOf(SimpleVerifier.java:257)
// 	at org.objectweb.asm.tree.analysis.BasicVerifier.unaryOperation(BasicVerifier.java:180)
// 	at org.objectweb.asm.tree.analysis.BasicVerifier.unaryOperation(BasicVerifier.java:44)
// 	at org.objectweb.asm.tree.analysis.Frame.execute(Frame.java:600)
// 	at org.objectweb.asm.tree.analysis.Analyzer.analyze(Analyzer.java:172)
// 	at org.objectweb.asm.util.CheckClassAdapter.verify(CheckClassAdapter.java:1074)
// 	at dev.weft.fuzz.Oracle.checkOne(Oracle.java:190)
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
// 	at org.junit.jupiter.en...
// woven:     
// reference: ok:4602678819172646932 H=17 f=3 EV=[]
package fz;

import static AWAIT_HOLDER.await;

import dev.weft.Task;
import dev.weft.annotations.Async;
import fz.Fz.Box;
import fz.Fz.Col;
import fz.Fz.FzChecked;
import fz.Fz.FzEx;
import fz.Fz.Res;

public final class P1352907 {
  static final P1352907 INST = new P1352907();
  static final Q1<Long> CS1 = new C1();
  long f = 3;

  @Async
  static Task<Long> m0(int d, long x) {
    long acc = x + 0;
    return Task.completed(acc + (Fz.m4((-2), x, 0.5, "") + d));
  }

  interface Q1<T> {
    java.util.concurrent.CompletionStage<T> m1(int d, long x);
  }
  static final class C1 implements Q1<Long> {
    @Async
    @Override
    public Task<Long> m1(int d, long x) {
      long acc = x + 1;
      return Task.completed(acc + new Box(5, "k").h());
    }
  }


  public static String run() {
    String outcome;
    try {
      outcome = "ok:" + P1352907.m0(2, 10L).get(20, java.util.concurrent.TimeUnit.SECONDS);
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
