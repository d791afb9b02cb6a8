package io.github.servermanager.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports an invalid {@code server-manager.*} value at start-up: the key, the value and a
 * valid example.
 */
class InvalidServerManagerPropertyFailureAnalyzer
		extends AbstractFailureAnalyzer<InvalidServerManagerPropertyException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidServerManagerPropertyException cause) {
		String description = "Invalid value '" + cause.getValue() + "' for property '" + cause.getKey()
				+ "': it must be " + cause.getRequirement() + ".";
		String action = "Update '" + cause.getKey() + "' in your configuration, for example:" + System.lineSeparator()
				+ System.lineSeparator() + "    " + cause.getKey() + "=" + cause.getExample();
		return new FailureAnalysis(description, action, cause);
	}

}
