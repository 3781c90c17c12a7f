package org.communitypoints.community.service;

import org.communitypoints.platform.web.ProblemException;

/**
 * The registry's refusals, one factory per code, so every throw site answers the same code and fallback text
 * (the texts residents read are in problems.properties).
 */
final class RegistryProblems {

    private RegistryProblems() {
    }

    /** 404, also for a resident of another community: its ids are not confirmed to exist. */
    static ProblemException memberNotFound() {
        return ProblemException.notFound("MEMBER_NOT_FOUND", "There is no such resident in your community.");
    }

    static ProblemException householdNotFound() {
        return ProblemException.notFound("HOUSEHOLD_NOT_FOUND", "There is no such household in your community.");
    }

    static ProblemException notRegistered() {
        return ProblemException.notFound("NOT_REGISTERED",
                "You are not registered as a resident of your community yet. Send a join request or ask the office.");
    }

    static ProblemException memberExists() {
        return ProblemException.conflict("MEMBER_EXISTS", "This resident is registered already.");
    }

    static ProblemException movedOut() {
        return ProblemException.conflict("MEMBER_MOVED_OUT",
                "This resident has moved out; register them again to open a new membership.");
    }

    static ProblemException invalidPhone() {
        return ProblemException.badRequest("INVALID_PHONE",
                "The phone number must be an 11-digit mobile number or a landline with its area code.");
    }

    static ProblemException invalidBirthYear(int thisYear) {
        return ProblemException.badRequest("INVALID_BIRTH_YEAR", "The birth year must be between 1900 and " + thisYear + ".")
                .withArgs(String.valueOf(thisYear));
    }

    static ProblemException joinRequestNotFound() {
        return ProblemException.notFound("JOIN_REQUEST_NOT_FOUND", "There is no such join request in your community.");
    }

    static ProblemException alreadyRegistered() {
        return ProblemException.conflict("ALREADY_REGISTERED", "You are registered already: there is nothing to ask.");
    }

    static ProblemException joinRequestPending() {
        return ProblemException.conflict("JOIN_REQUEST_PENDING",
                "Your join request is waiting for the community office; there is no need to send another.");
    }

    static ProblemException alreadyDecided(String status) {
        return ProblemException.conflict("ALREADY_DECIDED", "This join request was already decided (" + status + ").")
                .withArgs(status);
    }

    static ProblemException selfEligibilityForbidden() {
        return ProblemException.forbidden("SELF_ELIGIBILITY_FORBIDDEN",
                "You cannot tag your own household as eligible; please ask a colleague.");
    }

    static ProblemException invalidDateRange() {
        return ProblemException.badRequest("INVALID_DATE_RANGE", "validUntil must not be before validFrom.");
    }

    static ProblemException categoryNotFound() {
        return ProblemException.notFound("CATEGORY_NOT_FOUND", "This household does not have this category.");
    }

    static ProblemException grantNotFound() {
        return ProblemException.notFound("GRANT_NOT_FOUND", "There is no such proxy grant.");
    }

    static ProblemException selfProxy() {
        return ProblemException.badRequest("SELF_PROXY", "A resident cannot be their own proxy.");
    }

    static ProblemException proxyNotFound() {
        return ProblemException.unprocessable("PROXY_NOT_FOUND",
                "The proxy must be an active resident of the same community.");
    }

    static ProblemException proxyNameRequired() {
        return ProblemException.badRequest("PROXY_NAME_REQUIRED", "Give the grid worker's name as proxyName.");
    }

    static ProblemException gridWorkerByStaffOnly() {
        return ProblemException.forbidden("GRID_WORKER_PROXY_BY_STAFF",
                "Only community staff can name a grid worker as proxy; please ask the community office.");
    }

    static ProblemException consentRequired() {
        return new ProblemException(400, "CONSENT_REQUIRED", "Bad Request",
                "Staff must record the resident's consent (consentNote: the reference of the signed form).",
                java.util.List.of(new org.communitypoints.platform.web.Problem.FieldError("consentNote", "required")));
    }

    static ProblemException validUntilNotInFuture() {
        return ProblemException.badRequest("VALID_UNTIL_IN_PAST", "validUntil must be in the future.");
    }

    static ProblemException grantTooLong(long days) {
        return ProblemException.badRequest("GRANT_TOO_LONG", "A proxy grant may run at most " + days + " days.")
                .withArgs(String.valueOf(days));
    }

    static ProblemException grantExists() {
        return ProblemException.conflict("PROXY_EXISTS",
                "This proxy already acts for the resident; revoke that grant first to change it.");
    }
}
