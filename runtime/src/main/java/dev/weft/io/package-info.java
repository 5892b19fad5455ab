/**
 * Files whose operations are tasks: {@link dev.weft.io.AsyncFile}. Files are not sockets: no
 * selector reports a regular file ready, so every operation runs on the blocking pool and its task
 * completes back on the loop that started it.
 */
package dev.weft.io;
