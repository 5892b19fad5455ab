package dev.weft.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.weaver.InMemoryJavac;
import dev.weft.weaver.Mentions;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The transformer over classes compiled in memory with plain javac (no processor, no weaving). */
class WeavingTransformerTest {
  private static final ClassLoader LOADER = WeavingTransformerTest.class.getClassLoader();

  private static final String ASYNC_SOURCE =
      """
      package com.acme;
      import dev.weft.Task;
      import dev.weft.annotations.Async;
      import static dev.weft.Task.await;
      public class Orders {
        @Async Task<Integer> checkout(Task<Integer> price) {
          int p = await(price);
          return Task.completed(p + 1);
        }
      }
      """;

  private static final String LAMBDA_SOURCE =
      """
      package com.acme;
      import dev.weft.Task;
      import dev.weft.annotations.Async;
      import static dev.weft.Task.await;
      public class Broken {
        @Async Task<Integer> m(Task<Integer> t) {
          java.util.function.Supplier<Integer> s = () -> await(t);
          return Task.completed(s.get());
        }
      }
      """;

  private final List<String> log = new ArrayList<>();

  private static byte[] compile(String internalName, String source) {
    return InMemoryJavac.compile(Map.of(internalName.replace('/', '.'), source)).get(internalName);
  }

  private WeavingTransformer transformer(String options) {
    return new WeavingTransformer(AgentOptions.parse(options), log::add);
  }

  /** A transformer whose weaving only counts calls, to prove the cheap checks skip the weaver. */
  private static WeavingTransformer counting(String options, AtomicInteger calls) {
    return new WeavingTransformer(AgentOptions.parse(options), line -> {}, (loader, bytes) -> {
      calls.incrementAndGet();
      return null;
    });
  }

  @Test
  void weavesAnAsyncClass() throws Exception {
    byte[] original = compile("com/acme/Orders", ASYNC_SOURCE);
    byte[] woven = transformer("verbose").transform(LOADER, "com/acme/Orders", null, null, original);
    assertNotNull(woven);
    assertFalse(java.util.Arrays.equals(original, woven));
    assertTrue(Mentions.weft(woven));
    assertTrue(new String(woven, java.nio.charset.StandardCharsets.ISO_8859_1).contains("Ldev/weft/annotations/Woven;"));
    assertEquals(List.of("[weft-agent] wove com.acme.Orders"), log);
  }

  @Test
  void wovenClassRunsSuspendedAndResumed() throws Exception {
    byte[] woven = transformer("").transform(LOADER, "com/acme/Orders", null, null, compile("com/acme/Orders", ASYNC_SOURCE));
    Class<?> orders = new ClassLoader(LOADER) {
      Class<?> define() {
        return defineClass("com.acme.Orders", woven, 0, woven.length);
      }
    }.define();
    Object instance = orders.getDeclaredConstructor().newInstance();
    var checkout = orders.getDeclaredMethod("checkout", dev.weft.Task.class);
    checkout.setAccessible(true);
    dev.weft.Promise<Integer> price = dev.weft.Task.promise();
    dev.weft.Task<?> result = (dev.weft.Task<?>) checkout.invoke(instance, price);
    assertFalse(result.isDone(), "suspended at the await of an incomplete stage");
    price.complete(41);
    assertEquals(42, result.join());
  }

  /** Test harnesses and generators call {@code defineClass(null, bytes, ...)}: the JVM passes no name. */
  @Test
  void aClassDefinedWithoutANameIsWovenUnderTheNameInItsBytes() throws Exception {
    byte[] woven = transformer("verbose").transform(LOADER, null, null, null, compile("com/acme/Orders", ASYNC_SOURCE));
    assertNotNull(woven);
    assertEquals(List.of("[weft-agent] wove com.acme.Orders"), log);
    Class<?> orders = new ClassLoader(LOADER) {
      Class<?> define() {
        return defineClass(null, woven, 0, woven.length);
      }
    }.define();
    var checkout = orders.getDeclaredMethod("checkout", dev.weft.Task.class);
    checkout.setAccessible(true);
    dev.weft.Promise<Integer> price = dev.weft.Task.promise();
    dev.weft.Task<?> result = (dev.weft.Task<?>) checkout.invoke(orders.getDeclaredConstructor().newInstance(), price);
    assertFalse(result.isDone(), "suspended at the await of an incomplete stage");
    price.complete(1);
    assertEquals(2, result.join());
  }

  @Test
  void aClassWithoutANameIsFilteredAndReportedUnderTheNameInItsBytes() {
    AtomicInteger calls = new AtomicInteger();
    byte[] async = compile("com/acme/Orders", ASYNC_SOURCE);
    assertNull(counting("exclude=com.acme.*", calls).transform(LOADER, null, null, null, async));
    assertEquals(0, calls.get());
    assertNull(transformer("").transform(LOADER, null, null, null, compile("com/acme/Broken", LAMBDA_SOURCE)));
    assertEquals(1, log.size(), log.toString());
    assertTrue(log.get(0).startsWith("[weft-agent] com/acme/Broken.java:7: [WeftAwaitInLambda] could not weave com.acme.Broken.m: await() inside a lambda in Broken.m cannot suspend m"), log.get(0));
  }

  @Test
  void unreadableBytesWithoutANameAreReportedNotThrown() {
    byte[] garbage = "\u00ca\u00fe mentions dev/weft/Task".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    assertNull(transformer("").transform(LOADER, null, null, null, garbage));
    assertEquals(1, log.size(), log.toString());
    assertTrue(log.get(0).startsWith("[weft-agent] [WeftWeaveFailed] could not weave <unnamed class>: "), log.get(0));
  }

  /** The weaver alone (no source check) finds an await in a second synchronized block. */
  @Test
  void awaitInASecondSynchronizedBlockGivesOneLine() {
    byte[] locked = compile("com/acme/Locked", """
        package com.acme;
        import dev.weft.Task;
        import dev.weft.annotations.Async;
        import static dev.weft.Task.await;
        public class Locked {
          final Object lock = new Object();
          int n;
          @Async Task<Integer> m(Task<Integer> t) {
            synchronized (lock) { n++; }
            synchronized (lock) { return Task.completed(await(t)); }
          }
        }
        """);
    assertNull(transformer("verbose").transform(LOADER, "com/acme/Locked", null, null, locked));
    assertEquals(1, log.size(), log.toString());
    assertTrue(log.get(0).startsWith("[weft-agent] com/acme/Locked.java:10: [WeftAwaitInSynchronized] could not"
        + " weave com.acme.Locked.m: await() inside synchronized in Locked.m"), log.get(0));
  }

  @Test
  void classThatNeverMentionsWeftNeverReachesTheWeaver() {
    AtomicInteger calls = new AtomicInteger();
    byte[] plain = compile("com/acme/Plain", "package com.acme; public class Plain { int twice(int x) { return 2 * x; } }");
    assertNull(counting("", calls).transform(LOADER, "com/acme/Plain", null, null, plain));
    assertEquals(0, calls.get());
    // The same counting transformer does reach the weaver for a class that mentions Weft.
    counting("", calls).transform(LOADER, "com/acme/Orders", null, null, compile("com/acme/Orders", ASYNC_SOURCE));
    assertEquals(1, calls.get());
  }

  @Test
  void bootstrapAndWeftOwnClassesNeverReachTheWeaver() throws IOException {
    AtomicInteger calls = new AtomicInteger();
    WeavingTransformer transformer = counting("", calls);
    byte[] async = compile("com/acme/Orders", ASYNC_SOURCE);
    assertNull(transformer.transform(null, "com/acme/Orders", null, null, async));
    byte[] task = resource("dev/weft/Task.class");
    assertTrue(Mentions.weft(task));
    assertNull(transformer.transform(LOADER, "dev/weft/Task", null, null, task));
    assertNull(transformer.transform(LOADER, "dev/weft/weaver/Names", null, null, async));
    assertEquals(0, calls.get());
    // dev.weft.samples is user code, not Weft itself.
    transformer.transform(LOADER, "dev/weft/samples/Orders", null, null, async);
    assertEquals(1, calls.get());
  }

  @Test
  void alreadyWovenClassPassesThroughUntouched() {
    WeavingTransformer transformer = transformer("verbose");
    byte[] woven = transformer.transform(LOADER, "com/acme/Orders", null, null, compile("com/acme/Orders", ASYNC_SOURCE));
    assertNotNull(woven);
    log.clear();
    assertNull(transformer.transform(LOADER, "com/acme/Orders", null, null, woven));
    assertEquals(List.of(), log);
  }

  @Test
  void aClassWovenInFormat3PassesThroughUntouchedAndOneOfFormat2IsReported() {
    WeavingTransformer transformer = transformer("verbose");
    byte[] woven = transformer.transform(LOADER, "com/acme/Orders", null, null, compile("com/acme/Orders", ASYNC_SOURCE));
    log.clear();
    assertNull(transformer.transform(LOADER, "com/acme/Orders", null, null, withWovenFormat(woven, 3)));
    assertEquals(List.of(), log, "format 3 still runs: left as woven");
    assertNull(transformer.transform(LOADER, "com/acme/Orders", null, null, withWovenFormat(woven, 2)));
    assertEquals(1, log.size(), log.toString());
    assertTrue(log.get(0).contains("com.acme.Orders") && log.get(0).contains("woven format 2 ")
        && log.get(0).contains("runs formats 3 to 4"), log.get(0));
  }

  /** {@code classFile} with the format of its {@code @Woven} mark replaced by {@code format}. */
  private static byte[] withWovenFormat(byte[] classFile, int format) {
    org.objectweb.asm.tree.ClassNode node = new org.objectweb.asm.tree.ClassNode();
    new org.objectweb.asm.ClassReader(classFile).accept(node, 0);
    for (org.objectweb.asm.tree.AnnotationNode a : node.invisibleAnnotations) {
      if (a.desc.equals("Ldev/weft/annotations/Woven;")) {
        a.values = new ArrayList<>(List.of("format", format));
      }
    }
    org.objectweb.asm.ClassWriter w = new org.objectweb.asm.ClassWriter(0);
    node.accept(w);
    return w.toByteArray();
  }

  @Test
  void awaitInsideLambdaGivesOneLineWithClassMethodAndLine() {
    byte[] broken = compile("com/acme/Broken", LAMBDA_SOURCE);
    assertNull(transformer("").transform(LOADER, "com/acme/Broken", null, null, broken));
    assertEquals(1, log.size(), log.toString());
    String line = log.get(0);
    // the id the processor reports for the same rule, the source path, the source method
    assertTrue(line.startsWith("[weft-agent] com/acme/Broken.java:7: [WeftAwaitInLambda] could not weave com.acme.Broken.m: await() inside a lambda in Broken.m cannot suspend m"), line);
    assertFalse(line.contains("lambda$"), line);
    assertTrue(line.endsWith("; the class is left as it was"), line);
  }

  /** What the runtime's unwoven-await error reads: the reason, under the class's binary name. */
  @Test
  void aClassThatCannotBeWovenIsRecordedForTheRuntimeEvenWhenQuiet() {
    String property = WeavingTransformer.FAILURE_PROPERTY_PREFIX + "com.acme.Broken";
    assertNull(System.getProperty(property));
    assertNull(transformer("quiet").transform(LOADER, "com/acme/Broken", null, null, compile("com/acme/Broken", LAMBDA_SOURCE)));
    assertEquals(List.of(), log);
    assertEquals("weft.agent.notWoven.com.acme.Broken", property);
    String reason = System.getProperty(property);
    assertNotNull(reason);
    assertTrue(reason.startsWith("com/acme/Broken.java:7: [WeftAwaitInLambda] could not weave com.acme.Broken.m: "), reason);
  }

  /** The reasons recorded by each test, so that the next one starts without them. */
  @AfterEach
  void forgetRecordedFailures() {
    System.getProperties().stringPropertyNames().stream()
        .filter(name -> name.startsWith(WeavingTransformer.FAILURE_PROPERTY_PREFIX))
        .forEach(System::clearProperty);
  }

  @Test
  void quietLogsNothingEvenForErrors() {
    assertNull(transformer("quiet").transform(LOADER, "com/acme/Broken", null, null, compile("com/acme/Broken", LAMBDA_SOURCE)));
    assertEquals(List.of(), log);
  }

  @Test
  void includeAndExcludeAreHonoured() {
    byte[] async = compile("com/acme/Orders", ASYNC_SOURCE);
    AtomicInteger calls = new AtomicInteger();
    assertNull(counting("include=org.foo.**", calls).transform(LOADER, "com/acme/Orders", null, null, async));
    assertNull(counting("exclude=com.acme.*", calls).transform(LOADER, "com/acme/Orders", null, null, async));
    assertNull(counting("include=com.**,exclude=com.acme.Orders", calls).transform(LOADER, "com/acme/Orders", null, null, async));
    assertEquals(0, calls.get());
    counting("include=org.foo.**:com.acme.*", calls).transform(LOADER, "com/acme/Orders", null, null, async);
    assertEquals(1, calls.get());
    assertNotNull(transformer("include=com.acme.**,exclude=com.acme.legacy.**")
        .transform(LOADER, "com/acme/Orders", null, null, async));
  }

  @Test
  void neverThrowsOnGarbage() {
    WeavingTransformer transformer = transformer("");
    Random random = new Random(42);
    for (int i = 0; i < 200; i++) {
      byte[] garbage = new byte[random.nextInt(400)];
      random.nextBytes(garbage);
      byte[] marked = withWeftMention(garbage, random.nextInt(garbage.length + 1));
      assertNull(transformer.transform(LOADER, "com/acme/G" + i, null, null, garbage));
      assertNull(transformer.transform(LOADER, "com/acme/G" + i, null, null, marked));
    }
    assertNull(transformer.transform(LOADER, null, null, null, new byte[0]));
    assertNull(transformer.transform(LOADER, "com/acme/Null", null, null, null));
    assertEquals(200, log.size(), "one line per unreadable class that mentions Weft");
    assertTrue(log.get(0).startsWith("[weft-agent] com/acme/G0.java:?: [WeftWeaveFailed] could not weave com.acme.G0: "), log.get(0));
  }

  @Test
  void unexpectedFailuresAndFailingLogsAreSwallowed() {
    byte[] async = compile("com/acme/Orders", ASYNC_SOURCE);
    WeavingTransformer throwing = new WeavingTransformer(AgentOptions.parse(""), log::add, (l, b) -> {
      throw new StackOverflowError("boom");
    });
    assertNull(throwing.transform(LOADER, "com/acme/Orders", null, null, async));
    assertEquals(1, log.size());
    assertTrue(log.get(0).startsWith(
        "[weft-agent] [WeftWeaveFailed] could not weave com.acme.Orders: unexpected java.lang.StackOverflowError: boom"), log.get(0));
    WeavingTransformer badLog = new WeavingTransformer(AgentOptions.parse(""), line -> {
      throw new IllegalStateException("log down");
    });
    assertNull(badLog.transform(LOADER, "com/acme/Broken", null, null, compile("com/acme/Broken", LAMBDA_SOURCE)));
  }

  private static byte[] withWeftMention(byte[] bytes, int at) {
    byte[] mention = "dev/weft/Task".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    byte[] out = new byte[bytes.length + mention.length];
    System.arraycopy(bytes, 0, out, 0, at);
    System.arraycopy(mention, 0, out, at, mention.length);
    System.arraycopy(bytes, at, out, at + mention.length, bytes.length - at);
    return out;
  }

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = LOADER.getResourceAsStream(name)) {
      return in.readAllBytes();
    }
  }

}
