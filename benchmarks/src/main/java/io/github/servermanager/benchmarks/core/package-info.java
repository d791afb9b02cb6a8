/**
 * JMH benchmarks of the core {@link io.github.servermanager.core.ServerManager}.
 */
@NullMarked
package io.github.servermanager.benchmarks.core;

import org.jspecify.annotations.NullMarked;
