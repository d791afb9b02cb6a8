/**
 * A runnable application that shows the server manager at work.
 */
@NullMarked
package io.github.servermanager.sample;

import org.jspecify.annotations.NullMarked;
