package org.patientoutreach.commons.rest;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * An enum in a request body is read by name only. By default Jackson also takes a number as the constant at that
 * position, so {@code "reason": 1} would quietly become the second reason of the list; it is a 400 naming the field
 * instead, like any other value that is not one of the names.
 */
@Singleton
public class StrictEnums implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);
    }
}
