/**
 * Files whose operations are tasks: {@link dev.weft.io.AsyncFile}. Files are not sockets: no
 * selector reports a regular file ready, so every operation runs on a thread pool and its task
 * completes back on the loop that started it. The package uses only {@code dev.weft}; nothing in
 * the runtime depends on it.
 */
package dev.weft.io;
