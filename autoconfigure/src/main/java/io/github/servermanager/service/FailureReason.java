package io.github.servermanager.service;

/**
 * Why a request counted as a failure of the server that handled it.
 */
public enum FailureReason {

	/** The request ended with an exception: refused connection, timeout, I/O error. */
	EXCEPTION,

	/** The server answered with a status listed in {@code failure-statuses}. */
	STATUS,

	/**
	 * A failure had just put the server in front, and it did not answer the ping that
	 * checks such a server before more requests go to it.
	 */
	PING

}
