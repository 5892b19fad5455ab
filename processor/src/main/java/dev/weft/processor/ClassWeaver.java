package dev.weft.processor;

import dev.weft.weaver.WeaveException;

/**
 * Bytes in, bytes out: the one operation the weaving listener needs of {@link
 * dev.weft.weaver.Weaver}, so that tests can stand in for it.
 */
@FunctionalInterface
interface ClassWeaver {
  /** The woven class file, or {@code null} when the class needs no weaving. */
  byte[] weave(byte[] classFile) throws WeaveException;
}
