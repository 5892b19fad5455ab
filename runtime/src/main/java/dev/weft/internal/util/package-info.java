/** Helpers shared by the runtime's own packages; not API, and may change in any release. */
package dev.weft.internal.util;
