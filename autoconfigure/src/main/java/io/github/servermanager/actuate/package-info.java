/**
 * Observability of the server managers: the {@code servermanager} actuator endpoint, the
 * {@code servermanager} health contributor and the Micrometer meters.
 */
@NullMarked
package io.github.servermanager.actuate;

import org.jspecify.annotations.NullMarked;
