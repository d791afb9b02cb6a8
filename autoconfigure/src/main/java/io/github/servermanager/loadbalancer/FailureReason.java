package io.github.servermanager.loadbalancer;

/**
 * Why a request counted as a failure of the server that handled it.
 */
public enum FailureReason {

	/** The request ended with an exception: refused connection, timeout, I/O error. */
	EXCEPTION,

	/** The server answered with a status listed in {@code failure-statuses}. */
	STATUS

}
