/**
 * Performance evidence for the server manager: JMH benchmarks and the rebalance
 * simulator. Nothing here is published; it runs only by the commands in the module's
 * README.
 */
@NullMarked
package io.github.servermanager.benchmarks;

import org.jspecify.annotations.NullMarked;
