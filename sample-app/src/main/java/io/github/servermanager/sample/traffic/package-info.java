/**
 * The sample's steady stream of load-balanced calls and what it reports about them.
 */
@NullMarked
package io.github.servermanager.sample.traffic;

import org.jspecify.annotations.NullMarked;
