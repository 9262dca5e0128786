-- The admin's incident controls, by fragment name (fragments of the operator's manifest file
-- too), kept apart from the fragments' documents: a team's update, removal or re-registration
-- never lifts one; only an admin changes it. Changing one moves the registry's revision, so every
-- gateway instance applies it at its next poll.
CREATE TABLE incident_controls (
    fragment VARCHAR(63)  PRIMARY KEY,
    -- 'force-open' (off every page, fallback served, origin not called), 'force-closed', or none
    breaker  VARCHAR(16),
    -- taken off every page by an admin; a team cannot put it back
    disabled BOOLEAN      NOT NULL,
    set_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    set_by   VARCHAR(200) NOT NULL
);
