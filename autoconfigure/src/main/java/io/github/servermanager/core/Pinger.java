package io.github.servermanager.core;

/**
 * Checks whether a server answers. A rebalance pings the server it is about to put in
 * front and moves on to the next one when the ping fails.
 *
 * @param <S> the server type
 */
@FunctionalInterface
public interface Pinger<S> {

	/**
	 * Pings one server.
	 * @param server the server to check
	 * @return {@code true} when the server is healthy, {@code false} when it is not
	 * @throws Exception when the ping could not complete, which counts as unhealthy
	 */
	boolean ping(S server) throws Exception;

}
