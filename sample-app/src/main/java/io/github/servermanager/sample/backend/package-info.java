/**
 * The sample's own backends: small HTTP servers on loopback, registered with Spring
 * Cloud's SimpleDiscoveryClient and stopped or restarted over HTTP.
 */
@NullMarked
package io.github.servermanager.sample.backend;

import org.jspecify.annotations.NullMarked;
