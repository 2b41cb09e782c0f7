package org.patientoutreach.segments.valueset;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.StrictErrorHandler;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.ValueSet;
import org.patientoutreach.commons.problem.ProblemException;
import org.patientoutreach.segments.patient.FhirMapper;

/**
 * Reads a FHIR R4 ValueSet: its expansion when it has one, else the concepts its compose lists. Intensional parts
 * (filters, included value sets) cannot be expanded without a terminology server, so they are refused with the path
 * of the offending element rather than silently giving fewer codes.
 */
public final class ValueSetParser {

    private ValueSetParser() {
    }

    public static ValueSetContent parse(FhirContext fhir, String json) {
        ValueSet valueSet;
        try {
            valueSet = fhir.newJsonParser().setParserErrorHandler(new StrictErrorHandler()).parseResource(ValueSet.class,
                    json);
        } catch (DataFormatException | ClassCastException e) {
            throw ProblemException.badField("body", "is not a valid FHIR R4 ValueSet");
        }
        return content(valueSet);
    }

    static ValueSetContent content(ValueSet valueSet) {
        if (!valueSet.hasUrl()) {
            throw ProblemException.badField("url", "a value set needs its canonical url");
        }
        String id = valueSet.hasIdElement() && valueSet.getIdElement().getIdPart() != null
                ? valueSet.getIdElement().getIdPart() : FhirMapper.stripReference(valueSet.getUrl());
        if (id == null || id.length() > 200) {
            throw ProblemException.badField("id", "must be present and at most 200 characters");
        }
        Set<ValueSetContent.Code> codes = new LinkedHashSet<>();
        if (valueSet.hasExpansion()) {
            expansion(valueSet.getExpansion().getContains(), "expansion.contains", codes);
        } else {
            List<ValueSet.ConceptSetComponent> includes = valueSet.getCompose().getInclude();
            for (int i = 0; i < includes.size(); i++) {
                ValueSet.ConceptSetComponent include = includes.get(i);
                String path = "compose.include[" + i + "]";
                if (include.hasFilter() || include.hasValueSet()) {
                    throw ProblemException.badField(path, "uses a filter or another value set; load its expansion");
                }
                if (!include.hasSystem()) {
                    throw ProblemException.badField(path + ".system", "every code needs its system");
                }
                for (ValueSet.ConceptReferenceComponent concept : include.getConcept()) {
                    codes.add(new ValueSetContent.Code(include.getSystem(), concept.getCode(), concept.getDisplay()));
                }
            }
            if (valueSet.getCompose().hasExclude()) {
                throw ProblemException.badField("compose.exclude", "is not supported; load the expansion");
            }
        }
        String name = valueSet.hasName() ? valueSet.getName() : id;
        return new ValueSetContent(id, valueSet.getUrl(), valueSet.getVersion(), name, valueSet.getTitle(),
                new ArrayList<>(codes));
    }

    private static void expansion(List<ValueSet.ValueSetExpansionContainsComponent> contains, String path,
            Set<ValueSetContent.Code> codes) {
        for (int i = 0; i < contains.size(); i++) {
            ValueSet.ValueSetExpansionContainsComponent c = contains.get(i);
            if (c.hasCode()) {
                if (!c.hasSystem()) {
                    throw ProblemException.badField(path + "[" + i + "].system", "every code needs its system");
                }
                codes.add(new ValueSetContent.Code(c.getSystem(), c.getCode(), c.getDisplay()));
            }
            expansion(c.getContains(), path + "[" + i + "].contains", codes);
        }
    }
}
