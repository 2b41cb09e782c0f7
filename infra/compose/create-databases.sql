-- One database per service plus the registry's, as the launcher creates them.
CREATE DATABASE segments OWNER outreach;
CREATE DATABASE journeys OWNER outreach;
CREATE DATABASE emails OWNER outreach;
CREATE DATABASE events OWNER outreach;
CREATE DATABASE triggers OWNER outreach;
CREATE DATABASE registry OWNER outreach;
