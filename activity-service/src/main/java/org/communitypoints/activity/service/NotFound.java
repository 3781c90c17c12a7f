package org.communitypoints.activity.service;

import org.communitypoints.platform.web.ProblemException;

/**
 * The 404s of ids named in a path. Another community's ids answer exactly like ids that do not exist,
 * so they are not even confirmed to exist.
 */
final class NotFound {

    private NotFound() {
    }

    static ProblemException activity() {
        return ProblemException.notFound("ACTIVITY_NOT_FOUND", "We could not find this activity.");
    }

    static ProblemException kind() {
        return ProblemException.notFound("KIND_NOT_FOUND", "We could not find this kind of activity.");
    }

    static ProblemException shift() {
        return ProblemException.notFound("SHIFT_NOT_FOUND", "We could not find this shift.");
    }
}
