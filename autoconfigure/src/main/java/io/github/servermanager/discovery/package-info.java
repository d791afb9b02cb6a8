/**
 * What the server manager reads from discovery: the cluster size, this client's rank
 * among its application's instances, its own instance, and the zone of an instance.
 */
@NullMarked
package io.github.servermanager.discovery;

import org.jspecify.annotations.NullMarked;
