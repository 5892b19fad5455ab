package dev.weft.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Added by the weaver to every class it has rewritten, so that weaving the same class again (by
 * the agent after the processor, say) leaves it untouched. Never written by hand.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Woven {
  /** Version of the weaver's output format; woven code links against runtimes that accept it. */
  int format();
}
