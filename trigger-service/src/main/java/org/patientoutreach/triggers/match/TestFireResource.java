package org.patientoutreach.triggers.match;

import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Comparator;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.patientoutreach.commons.security.Roles;
import org.patientoutreach.schemas.PatientInteraction;
import org.patientoutreach.triggers.trigger.Trigger;
import org.patientoutreach.triggers.trigger.TriggerStatus;

@Path("/api/triggers/test-fire")
@Tag(name = "Triggers")
@RolesAllowed({ Roles.ADMIN, Roles.MARKETER })
public class TestFireResource {

    /** Reads the stored definitions rather than the index, so drafts are explained too. Nothing is fired. */
    @POST
    @Transactional
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Show which triggers a sample interaction would fire, and why",
            description = "Evaluates every DRAFT and ACTIVE trigger, condition by condition. Fires nothing.")
    public TestFireView testFire(@Valid @NotNull SampleInteraction sample) {
        PatientInteraction interaction = sample.toInteraction();
        List<TriggerEvaluation> evaluations = Trigger.draftOrActive().stream()
                .map(t -> evaluate(t, interaction))
                .sorted(Comparator.comparing((TriggerEvaluation e) -> !e.matched())
                        .thenComparing(e -> !e.listensToType()))
                .toList();
        int matched = (int) evaluations.stream().filter(TriggerEvaluation::matched).count();
        int wouldFire = (int) evaluations.stream().filter(TriggerEvaluation::wouldFire).count();
        return new TestFireView(evaluations.size(), matched, wouldFire, evaluations);
    }

    private static TriggerEvaluation evaluate(Trigger trigger, PatientInteraction interaction) {
        CompiledTrigger compiled = trigger.compile();
        boolean listens = trigger.types().contains(interaction.getType());
        List<ConditionResult> conditions = compiled.explain(interaction);
        boolean matched = listens && conditions.stream().allMatch(ConditionResult::matched);
        return new TriggerEvaluation(trigger.id, trigger.name, trigger.status, listens, matched,
                matched && trigger.status == TriggerStatus.ACTIVE, conditions);
    }
}
