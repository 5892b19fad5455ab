package dev.weft.test;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The JUnit 5 extension behind {@link WeftTest}: before each test, opens {@link VirtualTime} on the
 * thread that runs it (so {@code @BeforeEach} methods, the test and {@code @AfterEach} methods all
 * run their {@code @Async} code on it), resolves {@link VirtualTime} parameters to it, and after
 * each test runs what is due at that instant, {@linkplain VirtualTime#verify verifies} and
 * closes it, cancelling what is left.
 */
public final class WeftTestExtension implements BeforeEachCallback, AfterEachCallback, ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(WeftTestExtension.class);

  @Override
  public void beforeEach(ExtensionContext context) {
    store(context).put(VirtualTime.class, VirtualTime.open());
  }

  @Override
  public void afterEach(ExtensionContext context) {
    VirtualTime time = store(context).remove(VirtualTime.class, VirtualTime.class);
    if (time == null) {
      return;
    }
    try {
      time.runCurrent();
      time.verify();
    } finally {
      time.close();
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == VirtualTime.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    VirtualTime time = store(context).get(VirtualTime.class, VirtualTime.class);
    if (time == null) {
      throw new ParameterResolutionException("WeftTestExtension: a VirtualTime parameter of "
          + parameter.getDeclaringExecutable() + " is resolved only for test methods, not constructors"
          + " or @BeforeAll/@AfterAll methods");
    }
    return time;
  }

  private static ExtensionContext.Store store(ExtensionContext context) {
    return context.getStore(NAMESPACE);
  }
}
