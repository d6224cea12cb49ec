from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "region" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "name" VARCHAR(64) NOT NULL,
    "level" VARCHAR(16) NOT NULL /* town: town\ncommunity: community */,
    "code" VARCHAR(32) NOT NULL UNIQUE,
    "active" INT NOT NULL DEFAULT 1,
    "parent_id" INT REFERENCES "region" ("id") ON DELETE RESTRICT,
    CONSTRAINT "uid_region_parent__9dbb5d" UNIQUE ("parent_id", "name")
);
CREATE TABLE IF NOT EXISTS "app_user" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "role" VARCHAR(16) NOT NULL DEFAULT 'resident' /* resident: resident\nleader: leader\nstaff: staff\nadmin: admin */,
    "openid" VARCHAR(64) UNIQUE,
    "unionid" VARCHAR(64),
    "nickname" VARCHAR(64) NOT NULL DEFAULT '',
    "real_name" VARCHAR(32) NOT NULL DEFAULT '',
    "phone_encrypted" TEXT,
    "username" VARCHAR(64) UNIQUE,
    "password_hash" VARCHAR(255),
    "active" INT NOT NULL DEFAULT 1,
    "created_at" TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_login_at" TIMESTAMP,
    "scope_region_id" INT REFERENCES "region" ("id") ON DELETE RESTRICT
);
CREATE INDEX IF NOT EXISTS "idx_app_user_unionid_89ecfe" ON "app_user" ("unionid");
CREATE TABLE IF NOT EXISTS "audit_log" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "actor_id" INT,
    "actor_role" VARCHAR(16) NOT NULL DEFAULT '',
    "action" VARCHAR(64) NOT NULL,
    "object_type" VARCHAR(32) NOT NULL,
    "object_id" VARCHAR(64) NOT NULL,
    "before" JSON,
    "after" JSON,
    "reason" TEXT NOT NULL,
    "request_id" VARCHAR(64) NOT NULL DEFAULT '',
    "created_at" TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX IF NOT EXISTS "idx_audit_log_actor_i_3f2ecd" ON "audit_log" ("actor_id");
CREATE INDEX IF NOT EXISTS "idx_audit_log_action_286eba" ON "audit_log" ("action");
CREATE INDEX IF NOT EXISTS "idx_audit_log_created_277f5d" ON "audit_log" ("created_at");
CREATE INDEX IF NOT EXISTS "idx_audit_log_object__f82613" ON "audit_log" ("object_type", "object_id");
CREATE TABLE IF NOT EXISTS "bot_question_log" (
    "id" CHAR(36) NOT NULL PRIMARY KEY,
    "question" TEXT NOT NULL,
    "question_key" VARCHAR(255) NOT NULL,
    "answered" INT NOT NULL,
    "answer" TEXT NOT NULL,
    "refusal_reason" VARCHAR(32),
    "top_doc" VARCHAR(255),
    "top_number" INT,
    "citation_count" INT NOT NULL DEFAULT 0,
    "wechat_openid" VARCHAR(64),
    "channel" VARCHAR(24) NOT NULL /* miniprogram: miniprogram\nofficial_account: official_account */,
    "session_id" VARCHAR(64) NOT NULL DEFAULT '',
    "kb_version" VARCHAR(32) NOT NULL DEFAULT '',
    "personal" INT NOT NULL DEFAULT 0,
    "created_at" TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "user_id" INT REFERENCES "app_user" ("id") ON DELETE SET NULL
) /* One question and the bot's answer (or refusal); its id is the answer_id clients vote on. */;
CREATE INDEX IF NOT EXISTS "idx_bot_questio_questio_4690bd" ON "bot_question_log" ("question_key");
CREATE INDEX IF NOT EXISTS "idx_bot_questio_answere_04d961" ON "bot_question_log" ("answered");
CREATE INDEX IF NOT EXISTS "idx_bot_questio_created_a39d29" ON "bot_question_log" ("created_at");
CREATE INDEX IF NOT EXISTS "idx_bot_questio_answere_6d9f8e" ON "bot_question_log" ("answered", "question_key");
CREATE TABLE IF NOT EXISTS "bot_feedback" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "vote" VARCHAR(8) NOT NULL /* up: up\ndown: down */,
    "comment" TEXT NOT NULL,
    "question_key" VARCHAR(255) NOT NULL,
    "created_at" TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "user_id" INT NOT NULL REFERENCES "app_user" ("id") ON DELETE CASCADE,
    "answer_id" CHAR(36) NOT NULL UNIQUE REFERENCES "bot_question_log" ("id") ON DELETE CASCADE
) /* The asker's vote on one answer; voting again changes it. */;
CREATE INDEX IF NOT EXISTS "idx_bot_feedbac_vote_1843af" ON "bot_feedback" ("vote");
CREATE INDEX IF NOT EXISTS "idx_bot_feedbac_questio_f04e09" ON "bot_feedback" ("question_key");
CREATE TABLE IF NOT EXISTS "grant_expert" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "name" VARCHAR(32) NOT NULL,
    "affiliation" VARCHAR(128) NOT NULL DEFAULT '',
    "expertise" VARCHAR(255) NOT NULL DEFAULT '',
    "org_links" JSON NOT NULL,
    "active" INT NOT NULL DEFAULT 1,
    "created_at" TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "user_id" INT UNIQUE REFERENCES "app_user" ("id") ON DELETE SET NULL
) /* An invited reviewer; `org_links` lists organizations they work for or advise (conflict check). */;
CREATE TABLE IF NOT EXISTS "grant_program" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "year" INT NOT NULL,
    "name" VARCHAR(128) NOT NULL,
    "total_budget" VARCHAR(40) NOT NULL,
    "per_project_cap" VARCHAR(40) NOT NULL,
    "max_applications_per_org" INT NOT NULL DEFAULT 1,
    "focus_areas" JSON NOT NULL,
    "opens_at" TIMESTAMP NOT NULL,
    "closes_at" TIMESTAMP NOT NULL,
    "rubric" JSON NOT NULL,
    "required_attachments" JSON NOT NULL,
    "experts_per_application" INT NOT NULL DEFAULT 3,
    "notice_working_days" INT NOT NULL DEFAULT 5,
    "tranches" JSON NOT NULL,
    "forbidden_categories" JSON NOT NULL,
    "created_at" TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "created_by_id" INT REFERENCES "app_user" ("id") ON DELETE SET NULL
) /* A year's 公益创投 call: budget, cap, window, rubric and the rules every application meets. */;
CREATE INDEX IF NOT EXISTS "idx_grant_progr_year_a2a98d" ON "grant_program" ("year");
CREATE TABLE IF NOT EXISTS "incubation_base" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "name" VARCHAR(128) NOT NULL,
    "tier" VARCHAR(16) NOT NULL /* district: district\ntown: town\ncommunity: community */,
    "support_types" JSON NOT NULL,
    "quota" INT NOT NULL,
    "occupied" INT NOT NULL DEFAULT 0,
    "address" VARCHAR(255) NOT NULL DEFAULT '',
    "description" TEXT NOT NULL,
    "active" INT NOT NULL DEFAULT 1,
    "created_at" TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "region_id" INT REFERENCES "region" ("id") ON DELETE RESTRICT
);
CREATE TABLE IF NOT EXISTS "incubation_window" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "opens_at" TIMESTAMP NOT NULL,
    "closes_at" TIMESTAMP NOT NULL,
    "note" TEXT NOT NULL,
    "created_at" TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "base_id" INT NOT NULL REFERENCES "incubation_base" ("id") ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS "subscribe_template" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "template_id" VARCHAR(64) NOT NULL UNIQUE,
    "key" VARCHAR(32) NOT NULL UNIQUE,
    "title" VARCHAR(32) NOT NULL,
    "keywords" JSON NOT NULL,
    "long_term" INT NOT NULL DEFAULT 0,
    "page" VARCHAR(128) NOT NULL DEFAULT '',
    "active" INT NOT NULL DEFAULT 1,
    "created_at" TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
) /* A subscribe-message template registered in the mini-program's WeChat console. */;
CREATE TABLE IF NOT EXISTS "notice" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "title" VARCHAR(64) NOT NULL,
    "body" TEXT NOT NULL,
    "audience" JSON NOT NULL,
    "audience_label" VARCHAR(200) NOT NULL DEFAULT '',
    "channels" JSON NOT NULL,
    "template_data" JSON NOT NULL,
    "page" VARCHAR(128) NOT NULL DEFAULT '',
    "needs_approval" INT NOT NULL DEFAULT 0,
    "status" VARCHAR(16) NOT NULL DEFAULT 'draft' /* draft: draft\napproved: approved\nscheduled: scheduled\nqueued: queued\nsending: sending\ncompleted: completed\ncancelled: cancelled */,
    "scheduled_at" TIMESTAMP,
    "source_key" VARCHAR(128) UNIQUE,
    "recipient_count" INT NOT NULL DEFAULT 0,
    "queued_at" TIMESTAMP,
    "fanned_out_at" TIMESTAMP,
    "completed_at" TIMESTAMP,
    "cancelled_at" TIMESTAMP,
    "created_at" TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "created_by_id" INT REFERENCES "app_user" ("id") ON DELETE SET NULL,
    "scope_region_id" INT REFERENCES "region" ("id") ON DELETE RESTRICT,
    "template_id" INT REFERENCES "subscribe_template" ("id") ON DELETE RESTRICT
);
CREATE INDEX IF NOT EXISTS "idx_notice_status_c1681f" ON "notice" ("status");
CREATE INDEX IF NOT EXISTS "idx_notice_status_148e34" ON "notice" ("status", "scheduled_at");
CREATE INDEX IF NOT EXISTS "idx_notice_scope_r_2934e6" ON "notice" ("scope_region_id", "created_at");
CREATE TABLE IF NOT EXISTS "notice_delivery" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "channel" VARCHAR(16) NOT NULL /* inbox: inbox\nsubscribe: subscribe */,
    "status" VARCHAR(16) NOT NULL DEFAULT 'pending' /* pending: pending\nsending: sending\nsent: sent\nrefused: refused\nno_quota: no_quota\nfailed: failed\nreview: review\ncancelled: cancelled */,
    "attempts" INT NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMP,
    "quota_held" INT NOT NULL DEFAULT 0,
    "errcode" INT,
    "error" VARCHAR(200) NOT NULL DEFAULT '',
    "msgid" VARCHAR(32) NOT NULL DEFAULT '',
    "claimed_at" TIMESTAMP,
    "claimed_by" VARCHAR(64) NOT NULL DEFAULT '',
    "sent_at" TIMESTAMP,
    "read_at" TIMESTAMP,
    "created_at" TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "notice_id" INT NOT NULL REFERENCES "notice" ("id") ON DELETE CASCADE,
    "user_id" INT NOT NULL REFERENCES "app_user" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_notice_deli_notice__b0b0a7" UNIQUE ("notice_id", "user_id", "channel")
) /* One notice to one person on one channel; the unique triple makes fan-out idempotent. */;
CREATE INDEX IF NOT EXISTS "idx_notice_deli_notice__6f82c8" ON "notice_delivery" ("notice_id", "channel", "status");
CREATE INDEX IF NOT EXISTS "idx_notice_deli_user_id_ff03d9" ON "notice_delivery" ("user_id", "channel", "read_at");
CREATE INDEX IF NOT EXISTS "idx_notice_deli_status_19f2df" ON "notice_delivery" ("status", "claimed_at");
CREATE TABLE IF NOT EXISTS "notice_approval" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "decision" VARCHAR(16) NOT NULL DEFAULT 'approved' /* approved: approved */,
    "comment" VARCHAR(200) NOT NULL DEFAULT '',
    "created_at" TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "approver_id" INT NOT NULL REFERENCES "app_user" ("id") ON DELETE RESTRICT,
    "notice_id" INT NOT NULL REFERENCES "notice" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_notice_appr_notice__ed2f9d" UNIQUE ("notice_id", "approver_id")
) /* The second staff member's sign-off on a district-wide notice. */;
CREATE TABLE IF NOT EXISTS "notice_subscription" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "template_id" VARCHAR(64) NOT NULL,
    "remaining" INT NOT NULL DEFAULT 0,
    "accepted_total" INT NOT NULL DEFAULT 0,
    "last_result" VARCHAR(16) NOT NULL DEFAULT '',
    "updated_at" TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "user_id" INT NOT NULL REFERENCES "app_user" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_notice_subs_user_id_abce6e" UNIQUE ("user_id", "template_id")
) /* How many one-time subscribe messages a user has granted per template (or a long-term yes). */;
CREATE TABLE IF NOT EXISTS "joint_branch" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "name" VARCHAR(128) NOT NULL,
    "created_at" TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "region_id" INT NOT NULL REFERENCES "region" ("id") ON DELETE RESTRICT
) /* 联合党支部: one party branch covering at most five organizations (item 2). */;
CREATE TABLE IF NOT EXISTS "organization" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "name" VARCHAR(128) NOT NULL,
    "credit_code" VARCHAR(18) UNIQUE,
    "legal_form" VARCHAR(24) NOT NULL /* social_group: social_group\nfoundation: foundation\nsocial_service: social_service */,
    "category" VARCHAR(32) NOT NULL /* industry_association: industry_association\nscience_tech: science_tech\ncharity: charity\ncommunity_service: community_service\nother: other */,
    "sensitive_field" INT NOT NULL DEFAULT 0,
    "sensitive_areas" JSON NOT NULL,
    "registration_mode" VARCHAR(16) NOT NULL DEFAULT 'direct' /* direct: direct\ndual: dual */,
    "supervisor_unit" VARCHAR(128),
    "address" VARCHAR(255) NOT NULL DEFAULT '',
    "description" TEXT NOT NULL,
    "served_groups" JSON NOT NULL,
    "served_groups_text" VARCHAR(512) NOT NULL DEFAULT '',
    "contact_name" VARCHAR(32) NOT NULL DEFAULT '',
    "contact_phone_encrypted" TEXT,
    "status" VARCHAR(16) NOT NULL DEFAULT 'pending' /* pending: pending\nactive: active\nreturned: returned\nrejected: rejected\nderegistered: deregistered */,
    "status_reason" TEXT NOT NULL,
    "charter_text" TEXT NOT NULL,
    "charter_file" VARCHAR(255),
    "charter_party_clause" INT NOT NULL DEFAULT 0,
    "party_member_count" INT NOT NULL DEFAULT 0,
    "own_party_org" INT NOT NULL DEFAULT 0,
    "coverage_form" VARCHAR(16) NOT NULL DEFAULT 'none' /* own: own\njoint_branch: joint_branch\ninstructor: instructor\nnone: none */,
    "instructor_name" VARCHAR(32) NOT NULL DEFAULT '',
    "blank_spot" INT NOT NULL DEFAULT 0,
    "supervision_level" VARCHAR(16) NOT NULL DEFAULT 'normal' /* normal: normal\nguidance: guidance\ntalk: talk\nkey: key */,
    "pending_change" JSON,
    "change_status" VARCHAR(16) NOT NULL DEFAULT 'none' /* none: none\npending: pending\nreturned: returned */,
    "change_reason" TEXT NOT NULL,
    "credit_status" VARCHAR(16) NOT NULL DEFAULT 'normal' /* normal: normal\nabnormal: abnormal\nuntrustworthy: untrustworthy */,
    "annual_report_due" DATE,
    "created_at" TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "approved_at" TIMESTAMP,
    "community_id" INT REFERENCES "region" ("id") ON DELETE RESTRICT,
    "joint_branch_id" INT REFERENCES "joint_branch" ("id") ON DELETE SET NULL,
    "town_id" INT NOT NULL REFERENCES "region" ("id") ON DELETE RESTRICT
);
CREATE INDEX IF NOT EXISTS "idx_organizatio_name_5c1bfe" ON "organization" ("name");
CREATE INDEX IF NOT EXISTS "idx_organizatio_status_48b2e5" ON "organization" ("status");
CREATE INDEX IF NOT EXISTS "idx_organizatio_blank_s_ffc346" ON "organization" ("blank_spot");
CREATE INDEX IF NOT EXISTS "idx_organizatio_town_id_f888d2" ON "organization" ("town_id", "status");
CREATE INDEX IF NOT EXISTS "idx_organizatio_status_35c44d" ON "organization" ("status", "category");
CREATE TABLE IF NOT EXISTS "activity" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "title" VARCHAR(64) NOT NULL,
    "description" TEXT NOT NULL,
    "category" VARCHAR(32) NOT NULL /* volunteer: volunteer\nelderly_care: elderly_care\nchild_care: child_care\ndisability: disability\nculture_sports: culture_sports\neducation: education\nhealth: health\nparty_building: party_building\ncommunity_governance: community_governance\nother: other */,
    "target_groups" VARCHAR(255) NOT NULL DEFAULT '',
    "starts_at" TIMESTAMP NOT NULL,
    "ends_at" TIMESTAMP NOT NULL,
    "signup_deadline" TIMESTAMP NOT NULL,
    "address" VARCHAR(255) NOT NULL DEFAULT '',
    "lat" REAL,
    "lng" REAL,
    "capacity" INT NOT NULL,
    "waitlist_limit" INT NOT NULL DEFAULT 0,
    "checkin_radius_m" INT,
    "status" VARCHAR(16) NOT NULL DEFAULT 'draft' /* draft: draft\npublished: published\ncancelled: cancelled */,
    "confirmed_count" INT NOT NULL DEFAULT 0,
    "waitlist_count" INT NOT NULL DEFAULT 0,
    "waitlist_seq" INT NOT NULL DEFAULT 0,
    "cancel_reason" VARCHAR(200) NOT NULL DEFAULT '',
    "published_at" TIMESTAMP,
    "cancelled_at" TIMESTAMP,
    "created_at" TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "community_id" INT REFERENCES "region" ("id") ON DELETE RESTRICT,
    "created_by_id" INT REFERENCES "app_user" ("id") ON DELETE SET NULL,
    "org_id" INT NOT NULL REFERENCES "organization" ("id") ON DELETE RESTRICT,
    "town_id" INT NOT NULL REFERENCES "region" ("id") ON DELETE RESTRICT
);
CREATE INDEX IF NOT EXISTS "idx_activity_categor_bfcaae" ON "activity" ("category");
CREATE INDEX IF NOT EXISTS "idx_activity_starts__bf1329" ON "activity" ("starts_at");
CREATE INDEX IF NOT EXISTS "idx_activity_ends_at_eba722" ON "activity" ("ends_at");
CREATE INDEX IF NOT EXISTS "idx_activity_status_e5a830" ON "activity" ("status", "starts_at");
CREATE INDEX IF NOT EXISTS "idx_activity_lat_e5d805" ON "activity" ("lat", "lng");
CREATE INDEX IF NOT EXISTS "idx_activity_town_id_f8985b" ON "activity" ("town_id", "status");
CREATE INDEX IF NOT EXISTS "idx_activity_org_id_d8a1fe" ON "activity" ("org_id", "status");
CREATE TABLE IF NOT EXISTS "activity_signup" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "status" VARCHAR(16) NOT NULL /* confirmed: confirmed\nwaitlisted: waitlisted\ncancelled: cancelled */,
    "queue_no" INT,
    "created_at" TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "confirmed_at" TIMESTAMP,
    "cancelled_at" TIMESTAMP,
    "checked_in_at" TIMESTAMP,
    "checked_out_at" TIMESTAMP,
    "activity_id" INT NOT NULL REFERENCES "activity" ("id") ON DELETE CASCADE,
    "user_id" INT NOT NULL REFERENCES "app_user" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_activity_si_activit_877056" UNIQUE ("activity_id", "user_id")
) /* One resident's place in one activity; the unique pair makes double submits harmless. */;
CREATE INDEX IF NOT EXISTS "idx_activity_si_activit_29aca3" ON "activity_signup" ("activity_id", "status", "queue_no");
CREATE TABLE IF NOT EXISTS "service_hours" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "minutes" INT NOT NULL,
    "corrected" INT NOT NULL DEFAULT 0,
    "note" VARCHAR(200) NOT NULL DEFAULT '',
    "created_at" TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "activity_id" INT NOT NULL REFERENCES "activity" ("id") ON DELETE CASCADE,
    "user_id" INT NOT NULL REFERENCES "app_user" ("id") ON DELETE CASCADE,
    "signup_id" INT NOT NULL UNIQUE REFERENCES "activity_signup" ("id") ON DELETE CASCADE
) /* The service-hours ledger: one row per signup, its minutes from check-in\/out or a correction. */;
CREATE INDEX IF NOT EXISTS "idx_service_hou_user_id_a2ade9" ON "service_hours" ("user_id", "created_at");
CREATE TABLE IF NOT EXISTS "attachment" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "owner_type" VARCHAR(32) NOT NULL,
    "owner_id" INT NOT NULL,
    "kind" VARCHAR(64) NOT NULL DEFAULT '',
    "original_name" VARCHAR(255) NOT NULL,
    "stored_name" VARCHAR(80) NOT NULL UNIQUE,
    "content_type" VARCHAR(100) NOT NULL,
    "size" INT NOT NULL,
    "sha256" VARCHAR(64) NOT NULL,
    "created_at" TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "org_id" INT NOT NULL REFERENCES "organization" ("id") ON DELETE CASCADE,
    "uploaded_by_id" INT REFERENCES "app_user" ("id") ON DELETE SET NULL
) /* An uploaded file kept under var\/uploads (never served statically); content type is sniffed. */;
CREATE INDEX IF NOT EXISTS "idx_attachment_owner_t_11d546" ON "attachment" ("owner_type", "owner_id");
CREATE TABLE IF NOT EXISTS "grant_application" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "status" VARCHAR(24) NOT NULL DEFAULT 'draft' /* draft: draft\nsubmitted: submitted\nreturned_for_info: returned_for_info\nresubmitted: resubmitted\nformal_passed: formal_passed\nexpert_review: expert_review\nscored: scored\nsite_visit: site_visit\napproved: approved\nrejected: rejected\npublic_notice: public_notice\nagreement_signed: agreement_signed\nin_progress: in_progress\nclosed: closed */,
    "project_name" VARCHAR(128) NOT NULL,
    "focus_area" VARCHAR(64) NOT NULL,
    "beneficiaries" TEXT NOT NULL,
    "objectives" TEXT NOT NULL,
    "timeline" JSON NOT NULL,
    "budget_lines" JSON NOT NULL,
    "requested_amount" VARCHAR(40) NOT NULL DEFAULT 0,
    "approved_amount" VARCHAR(40),
    "return_reason" TEXT NOT NULL,
    "info_deadline" DATE,
    "decision_reason" TEXT NOT NULL,
    "site_visit_notes" TEXT NOT NULL,
    "site_visited_on" DATE,
    "aggregate_score" VARCHAR(40),
    "notice_start" DATE,
    "notice_end" DATE,
    "agreement_no" VARCHAR(64) NOT NULL DEFAULT '',
    "agreement_signed_on" DATE,
    "submitted_at" TIMESTAMP,
    "decided_at" TIMESTAMP,
    "closed_at" TIMESTAMP,
    "created_at" TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "created_by_id" INT REFERENCES "app_user" ("id") ON DELETE SET NULL,
    "org_id" INT NOT NULL REFERENCES "organization" ("id") ON DELETE RESTRICT,
    "program_id" INT NOT NULL REFERENCES "grant_program" ("id") ON DELETE RESTRICT
);
CREATE INDEX IF NOT EXISTS "idx_grant_appli_status_758070" ON "grant_application" ("status");
CREATE INDEX IF NOT EXISTS "idx_grant_appli_program_4fc83d" ON "grant_application" ("program_id", "status");
CREATE INDEX IF NOT EXISTS "idx_grant_appli_org_id_53c2a3" ON "grant_application" ("org_id", "program_id");
CREATE TABLE IF NOT EXISTS "grant_expert_assignment" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "status" VARCHAR(16) NOT NULL DEFAULT 'pending' /* pending: pending\naccepted: accepted\nrecused: recused */,
    "conflict_reason" TEXT NOT NULL,
    "scores" JSON,
    "total" VARCHAR(40),
    "comment" TEXT NOT NULL,
    "scored_at" TIMESTAMP,
    "created_at" TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "application_id" INT NOT NULL REFERENCES "grant_application" ("id") ON DELETE CASCADE,
    "expert_id" INT NOT NULL REFERENCES "grant_expert" ("id") ON DELETE RESTRICT,
    CONSTRAINT "uid_grant_exper_applica_3f0ba5" UNIQUE ("application_id", "expert_id")
);
CREATE TABLE IF NOT EXISTS "grant_objection" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "source" VARCHAR(64) NOT NULL DEFAULT '',
    "content" TEXT NOT NULL,
    "status" VARCHAR(16) NOT NULL DEFAULT 'open' /* open: open\nupheld: upheld\ndismissed: dismissed */,
    "resolution" TEXT NOT NULL,
    "created_at" TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolved_at" TIMESTAMP,
    "application_id" INT NOT NULL REFERENCES "grant_application" ("id") ON DELETE CASCADE,
    "raised_by_id" INT REFERENCES "app_user" ("id") ON DELETE SET NULL
) /* An objection raised during the 公示 period, and how staff resolved it. */;
CREATE TABLE IF NOT EXISTS "grant_report" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "kind" VARCHAR(16) NOT NULL /* midterm: midterm\nfinal: final */,
    "summary" TEXT NOT NULL,
    "spending" JSON NOT NULL,
    "status" VARCHAR(16) NOT NULL DEFAULT 'submitted' /* submitted: submitted\naccepted: accepted\nreturned: returned */,
    "review_note" TEXT NOT NULL,
    "submitted_at" TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "reviewed_at" TIMESTAMP,
    "application_id" INT NOT NULL REFERENCES "grant_application" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_grant_repor_applica_835c3f" UNIQUE ("application_id", "kind")
) /* Mid-term or final report with spending against the budget lines. */;
CREATE TABLE IF NOT EXISTS "grant_tranche_payment" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "index" INT NOT NULL,
    "percent" INT NOT NULL,
    "amount" VARCHAR(40) NOT NULL,
    "paid_on" DATE NOT NULL,
    "voucher_no" VARCHAR(64) NOT NULL DEFAULT '',
    "created_at" TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "application_id" INT NOT NULL REFERENCES "grant_application" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_grant_tranc_applica_b93e71" UNIQUE ("application_id", "index")
);
CREATE TABLE IF NOT EXISTS "incubation_admission" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "support_types" JSON NOT NULL,
    "statement" TEXT NOT NULL,
    "materials" JSON NOT NULL,
    "status" VARCHAR(16) NOT NULL DEFAULT 'pending' /* pending: pending\nadmitted: admitted\nrejected: rejected\ngraduated: graduated\nleft: left */,
    "reason" TEXT NOT NULL,
    "period_start" DATE,
    "period_end" DATE,
    "decided_at" TIMESTAMP,
    "ended_at" TIMESTAMP,
    "created_at" TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "base_id" INT NOT NULL REFERENCES "incubation_base" ("id") ON DELETE RESTRICT,
    "org_id" INT NOT NULL REFERENCES "organization" ("id") ON DELETE RESTRICT,
    "requested_by_id" INT REFERENCES "app_user" ("id") ON DELETE SET NULL,
    "window_id" INT REFERENCES "incubation_window" ("id") ON DELETE SET NULL
);
CREATE INDEX IF NOT EXISTS "idx_incubation__status_f0537c" ON "incubation_admission" ("status");
CREATE TABLE IF NOT EXISTS "incubation_milestone" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "title" VARCHAR(128) NOT NULL,
    "due_date" DATE NOT NULL,
    "done_on" DATE,
    "note" TEXT NOT NULL,
    "admission_id" INT NOT NULL REFERENCES "incubation_admission" ("id") ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS "org_member" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "role" VARCHAR(16) NOT NULL DEFAULT 'member' /* leader: leader\nmember: member */,
    "confirmed" INT NOT NULL DEFAULT 1,
    "created_at" TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "org_id" INT NOT NULL REFERENCES "organization" ("id") ON DELETE CASCADE,
    "user_id" INT NOT NULL REFERENCES "app_user" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_org_member_org_id_7eab98" UNIQUE ("org_id", "user_id")
) /* A user's place in an organization; claims wait for staff confirmation. */;
CREATE TABLE IF NOT EXISTS "supervision_record" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "level" VARCHAR(16) NOT NULL /* normal: normal\nguidance: guidance\ntalk: talk\nkey: key */,
    "previous_level" VARCHAR(16) NOT NULL /* normal: normal\nguidance: guidance\ntalk: talk\nkey: key */,
    "reason" TEXT NOT NULL,
    "actor_id" INT,
    "created_at" TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "org_id" INT NOT NULL REFERENCES "organization" ("id") ON DELETE CASCADE
) /* One change of an organization's supervision level (item 6), kept as history. */;
CREATE TABLE IF NOT EXISTS "outbox_event" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "kind" VARCHAR(64) NOT NULL,
    "payload" JSON NOT NULL,
    "created_at" TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "processed_at" TIMESTAMP
);
CREATE INDEX IF NOT EXISTS "idx_outbox_even_kind_bb51cd" ON "outbox_event" ("kind");
CREATE INDEX IF NOT EXISTS "idx_outbox_even_process_733994" ON "outbox_event" ("processed_at", "id");
CREATE TABLE IF NOT EXISTS "aerich" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "version" VARCHAR(255) NOT NULL,
    "app" VARCHAR(100) NOT NULL,
    "content" JSON NOT NULL
);"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        """


MODELS_STATE = (
    "eJztXX1z2zaa/yoY/9N0xuk6Spy46s3N2Em2624S9xLn9uaiDg8iIRlrClD5Yte70+9+AP"
    "gOghRBkRIpYcZjUSQfkPrh7Xl//n2yog5y/R8u7QA/4ODpZAr+fULgCrGD0rVTcALX6+wK"
    "PxHAuStuhvm75n7gsRPs/AK6PmKnHOTbHl4HmBJ2loSuy09Sm92IyTI7FRL8e4isgC5RcI"
    "c8duHbb+w0Jg76A/n867cTP4BBKJ7OjrzAt2Bwwm76duKyA3bWZQ2K7wF9JBZ24js5jThN"
    "vaV0lj9ifW8tMHKdAgTRbeK8FTytxblrEvxV3Mh/wdyyqRuuSHbz+im4oyS9GxPxTktEkA"
    "cDxJsPvJBDwn9xjF6CUvTrs1uin52jcdAChm6Qg7AhrjYlvE/Y2/jiBy75U55PXrx68+ri"
    "5etXFxw2fio98+bP6Odlvz0iFAh8uj35U1yHAYzuEF2T4RbggDVXgu7tHfTU2KUEEnzspW"
    "X4ErDq8EtOZABmA7EjBFfwD8tFZBncsa+vX9XA9d+Xn9/+7fLzs9evvue/hbKpEc2ZT/GV"
    "ibjEEc0QzL9WCcdb9EfFGJTIdofmyUl7LGuwu33/P7e85ZXv/+7mMXv28fJ/BJyrp/jKh5"
    "tPPye35zB+++HmSsLWZr99Sb0n9QB9T8KVAPeavSQkNiqBnKfvC+FmE/7kgb0UCRDypiA9"
    "nBH28shznywbemgK8t9mxL7D7AdHV7LjGXGwD+fYZUv4FGTH7H72+NBDlr+mbK1lNIXv7F"
    "lOyPBgr8MelBzOyB2CbnA3BdHnjKzZQv1kzUP2PDYSpqD4nT2FrlYMDXZuSR+QRzju7FmK"
    "szNC+c4wBeLjpMVkfTlpMFlfTionK79UHFBsG2L7lbX0aLj2tZY9mXAcE7aI5+T8vAGg7K"
    "5KRMW1IqTZ1l6C8x1DIsArpIa0QCjB6cSUPyQHu5yrnSyH1x/ff7m9/PhrYU18d3n7nl+Z"
    "FNbD5Oyz1xLuaSPgH9e3fwP8K/jfm0/vBWDUD5aeeGJ23+3/nvB3gmFALUIfLejksUpOJ6"
    "cK3YiI06YTc2SmC/fchT5eknBtOQg6LiYKrm7DfCyT76ZLu+b4DqlP2a2sNa2tKkdiNqkY"
    "Rle1sv3VpbCCO3eVS9qCEzRAMF6jhjHk3918vfrwHvz6+f3b6y/XN5+KY1xcFBL274yLFL"
    "/y8/vLDzJ87NFa8EX3G/gSMWYN7Vjl0lBFkSfZrKgYxrrbja4ig+0R4sDFfmC5eIUV87cS"
    "vDLh7iA8Gw5+9h2y7zGxPOjg0LdWOsNPQdoKw93P5a5RzJSYbTQQGfUO92LHg4ugvCFH56"
    "dAfDBJP5yzSXKHHCbkJ4dMvuc/w3X52fSwjez+4nWDXfyFzFplmzi/JA1nShbYWyGHwRsS"
    "nfVAQXmUC0K6LuoCWCY8bvx89Hsb9GKyo8QuWkwsD0FfpSivFmdKhKMUas7Omgg1Z2fVQg"
    "2/VoQ0XbVb6G1k2g4k/UGx7aMT9NPNtkVnyrSmM/fdmWy1Ctp1ZYFynPq3E/YbnBviPsXj"
    "aCQ9Gw/52o4N107Lji1Smo7da8fGL5+XLRL7pZYjiUx2pCJysmjNdeGT6Y4Uv8zPqSFwGc"
    "Gx6gZzHmMNMctRHBNo3GNuca/0/WKjSKHVpx7CS/J39FRSbEmwxV6HN94SEvwvmHgyDQ/G"
    "P5OhkJzNFg0PPqbOhLlZxX4l+20oUeh/uf18/fb2pDQAO0DvM1qOHrfczGoAXLpn7hK9vY"
    "kzG8GTWYgmCKbbZgcQfvVRE/3JgAGUmYgCgl/e34JPXz98OBEL4Rza94/Qc6yKFZFh8YBt"
    "ZN3R0FOo/K9i8r/+/TNy0wVPjeuXqKm/JS2NZ3orfEq2xUI0MjIU+HihE5obJ4URVL60mq"
    "zkM5DApXhr/mz+JNWeqfDkl/fUam9+Kt/Zr0d/haN+ZuVKPW6Nq37Xrvris4RcteI8uX+/"
    "js8tFeYvJhdN7IeTi2oDIr9WklMdzI1YjhaQElkrPOX9s/fBWESzEZg1WJagdNESutaCeg"
    "qvgmaW8WILe44mOfGpjdnrCP/uKch/m5EFDYkTe85nxzMS3xUzDSlV/L2N0XzSJDplUh2d"
    "MilFp4whgqJpHzGKkD30yYK+gDrqEdVZ1jc2Ruz3WAGy71jP5L7xwAroieiJ+CAf1JB2Zu"
    "nUEMMZfER8HOAHFG+zZS6NUhdBUuHwW6aWunjOyPvqY132pLm56Orm5kNB7Xx1Lccaff14"
    "9Z6teALqzHVP4fyTQgS5AboM8C9fbj5tQjclldD9Sthv/uZgOzgF3D/gt97s2P+xCInNEQ"
    "Y8kCfAxP+BP/A/t7Bv1+DPMSngXwoFk6O+Tov6fN6AHArmMVGfP5+/p7Wq3ME3r2jKhnbp"
    "nIU9ZCu9s8QFHtPFP2dsWYMu+8b+t1lsuve/8sM1Xwl96ll8YdThoBSknXBRO1DB9s+VGh"
    "f/Tlz8TRxuf3G4nAVCTmXYZN0mKBGaLbD9FlgAk/Gyf+itwUrqcYz34vJx/qIJI83uqlw+"
    "xLWSd3EA7cDS1bLIdGMEtHvBJEFlzbBAFpO9vKd1gBQCSvXCXNPESHiHna/SA49UKKm4Tt"
    "aI8KwCCmY4vjIF8cGMiLw1TDCPPmfEQ0HoER6nkBzxc/9krHN0LjpibDSKOH72wc7nvw2E"
    "rRa4VzpGV0+QEuE4lp6d5xBho591d8V+WbP+SHQG3Tp0F1gvjZBMN5IlfQdyTIJMlHjFdm"
    "HoK5CtVexVNWG0e1IAhcBnhVZzBpZuTJSa+Chje7hROIJD6VJWO1ZLtGaQyqz0A/vhS7SV"
    "sa3UyA53M0KjZCISh8c6fgrYvxn5J2WIWnOPvfndFOS/zQjmiId2QD1u6UmOZ4Q3yvolaX"
    "rvXFz2btoSpIJ0HLxG30Lk3IXknqcvUyzLtWtKkbC3BaUkz4xiPUl08dz84aIH5LYWGFUN"
    "7XRd8VaxbaS4skQX+OrAP2dkGWInSlOXHM1IAN171oPs/4zco6cpYP+GsZLEAq/FmDiyVC"
    "wk1crWMmUH2tZBqU16UatGcFnbaU9Kjex/g822yBkpq1PK6pNhDP8YSH11SIlwHJvozgX2"
    "yJlty9EuNzLEZR/OkzPJ0YwwKc0L/eCResEdW/QLX4cx/iEhIeTpDnjWVssJK9L4VdiFVc"
    "R1saZj2wB4qGhF8KGJtR51SK4AxsRaH17HlkJK4Hrt0YdWHSuRmjwX+85zYcLmt1Cb5jVd"
    "egAqKI8UQxMHvn0cuAllToNJTSjzbkOZ8wtZByD+wpu7SlsbLZKK9X2LqOa44hNGW4bx5u"
    "tLjWeKF3nPIID23Qpxmu2wSBsaMRpLNsACizHVLo7KwWwJys+8vcusuRFDA50V9oVpw0Ps"
    "xfytx0vS3ueouRFDE7k8bInHjbf8KNoZMRB5A5iHbOo52+ZJyBr8LNobGTh9pkyI+SNFso"
    "SMc6pOk+Bl93SaIOEbdwOKNwHxWr9JKRNMFoTTw86C0K+HYfflCrcy+e/BzK9EU8hpbOgK"
    "96FU7MgFbQ/DlqOdaKLTaNTdppjo3v0ncvRX7Kh1rj8Z0Q79CFNgB+z2E+1TeqqyAs0RKR"
    "hrdGXZdm/0PYXhUaHs0dNPWJhYNUq1npQVw0G4vP6lsKiVtEemvqHesssxopm6dKDjJAFl"
    "+xEy3lSukgsZdh22NG0HxggXaDmucLHYDoLR5QaVXPLtcB6leZlDf1vl93Xa2hX0B+1ZUI"
    "8KoQG2twXjk2hkvCDk7SvbYqFncxrSmtmnuq6Q/lahtJPT41ar7ko5eTdq8E5u7xCIyZ4L"
    "MuAiZylytxEEPPoI1sgDUWrbU4ADH6wwCQPkg4VHV0AUP3yOyV9oGADqAQhs6vGcTKz5H2"
    "TNQu8Pa5KWNWQvEPPhOadGk4K1a+Vj3HMa4OUojsnbpKgFE+NZlf2jPoo5T2eiQv+Ut3E9"
    "NXh8/ziCInZQPM+4jR+Ed7FxGz/Qjq1Sh2m6GktUx7oH5xjEhsDlKI4VtIhn14OtQNMNcG"
    "NgmmssJmGsRNrSXtJQFzUg+fpUMpfkZlTBWPL28svby3fvT5SrXQfIjVPvL6MnLeRqBKut"
    "TWVdhzzPy0jfEHRL2b+GOLevctP3DG+KcWHxaoDwdhqiCC6VbigFslorlA6HrPM264VuuE"
    "IG+dhBJPjOB2sX2ghgIhQ1SYM/geAOgahrwBpiD6zgPfKBQ0P2aOCH8xXX4TBBa+Ui3y/r"
    "g/p6iNL7LL9MiIVW9j/7Jk+cLGabtcbaI9ToiTrXEw09E2dTNysG2wJ7K54lIj2ckUeIA5"
    "4+hJ/OjmckLUPO7k4O5emxH0esdKg3H815kiNyfTEqkoOTpI2K5EA7VlHFPF6j20xZidbE"
    "1u87tj7ZQtt0pkRrOnPfncmtvKw7MGnTmzKx6c6BdCcNgy36M6M2HbrnDjXGBWNc2KuW3O"
    "h72+h75VFo7AxN7Aw6WvIafW+xMFXBRU/tTZno0xsEQkvegUPd+9Q+lRpKcDHaFCrwZBTW"
    "KMDXaysZ8r0WfTfK4VbbY7Vy2KNVpVIaFC+lW5RLaefGldgyTkqIppemqcFjRlwEHe78Gn"
    "3OiAhDmALxMSM8rQaZAvExDNUwXSOiGsnVrnQZxQgrwXcfUB7ypOJ6COZIeqr7MzIMCbbv"
    "tRMb5GjG6NXZPYoegq529Y0C0Rhx7D7wfouijaZYY9M87Jx30x2reRqz9/DhBn3/kTLJ5A"
    "76ivyB1UiWCEcySndQf86k3ei0epexoR+CqbWsMXahH1guXbay6JSIjQFgzwYA32ZinRWl"
    "idP0+C5THpG/UI1KOw9MB4rZEeZjOJX9a8tDpZu0OfFeUa16PY6MOQ310I1SceppoAdkDl"
    "CEsGyLRWvH9oGgMKeBtUDI4TNqOyiuaPDXXEMjxkNkId4+5TMD5L/ilj7Q5XiXjv0kBh8o"
    "GAPICz5oZOj8n1GCji5wuUkaGzsqa4+yg1UXmPwaNTVeRAaQPn6gyLCfgx+Qt3UxindROy"
    "PzcpFzePBUXN1w72NPyRWBYUUV3qDbSYKyy7ixEY8RP5ynjW9dXSBrasSIxOUn7vC2Ys1Y"
    "S1C0dNJCf6yRJ3bpBVY5oOh7ab0XLY5rydH0z7oMHRxwwUbho5VeO6310+J3cV2vuK1PR6"
    "1vJxFfGnUTHyTRV+xoRvhe4eUB+XH9OJm8fPlmcvby9cX5qzdvzi/OUj1n+VKdwvPq+meu"
    "8zzNq6g3e3ux3qaa3tF5kp5UyYN0mZNBq3aUq8NtDy5ynfly9FBOPBUtNVBUr/qdITgyJw"
    "NpVW3sJlgkG2f9me6di7JNSR/LLVwG945k9+NyjhbUUwzJX77cfFLDmFFIGH7lDpnfHGwH"
    "p4Bnc/htyEydCkD+mwum5pKLluyNdVq0IfMGZBctuAhUISXV+KYEBt4G8HoI+qqtqdq7MK"
    "MYx+a+a5/CWNeoubgWqcaBbN9r67jctrpmqA7La6vkotJR/JumKiFvOlZoEyTLcrVCQTZm"
    "N0uHD/175H3ngwcaIEDjbGTEf0TeT/wcGw4ALtkIAPYdJEvkAxyoU923bcgEmu080OyhMk"
    "f45kCzh57zhTeD8iRcT0G4nhFH1Ht04gpHuvvDRYPt4aJyd7gol3VcrZRF4Ko5lxzJODbY"
    "XbMuiTuKdY8UMfDVzItMN0qdRS9+/ONiYYznucnedlwdWzJsmjQqbSwFgvVUwvb16/W7Cj"
    "1NnkhCLgyx8wMnbYPfjhI5q6CJNLHR6M2PS/FTTIL2nSdOkYdoGWHN9OLanrb7Gp2bU/vk"
    "p1/facYl2NSStwRsvfCdspxNjfoiJXhCxYRlR2T/Zk0xMTrCAjyjHvDQIvSh+/1Pokgcdg"
    "D2xY0pXMB2MXdQTmRvde7xvh7UxAEhaiFyZStw5noOCNUr9z6W7JP/WIREGEWBeBL/9+o/"
    "+5GtNqzipzXSfoK3jliapxmLWc1IpmOXTPOrhE6MeY6styjz3TFsHQaZV3EY1RM/ozDqKL"
    "UlTWyRVpWNss6aJlOOMrVE944fAV1b7C10sMyRjBLEXlZPDgoJE7/lhpqCItERxacXNKI4"
    "iMrB2zRUqe8r0SsT7k7dcjYc/B6RfQcDSz9jXolwlLO5By+DO0gIctva6HLk+y4UtMIEx/"
    "F/U5D7MiN0scA2ZhsitMXsmQL5TBuL3qRJX0yq+2JS6gsfRfF6eiO7SDUOXqrvUX0/tx6Q"
    "52u6HRepxohkD4n4GCCUQMUCUSso5clM3fQxW0WNY1djo+jOjWfj5IcHYwcaTkzgaUMz0J"
    "f3t+DT1w8fekigvzk5TfOoTL0UNcPpBu3QzCzRiio4s5CGpSY8s3jfRlPOJQHh2qXQQQ7g"
    "cbTgHq0DEDK0PPAAvb9EF33wjCDGzgCekYrdySt6Yhu67tP3P/FKmgF7HuD9xk0vPsGLBX"
    "LK1pyen9UoovSRjZ4soFR8044nNb6am301i0A3josqUI3FgtN7iFkyTJuPxDzJsbrS3LNX"
    "1ZLY4vvHKKv1ECXq4SUmLRLQlwjHOY170XX7AeM+HW1IJbJuAN1trvSLsyY+62fVTutnZa"
    "91wQpo7zEy3TiH54uzJoCyu6pj689KkPr4XwooqzMFx7cf6wbj38HJ+WutiZxSjHPUHXtg"
    "onH+bqzAot5Sk2VNCY51PUmEY2uuWbe1TGg0gPGQ6kABeOMtIcH/aprpdcAO4dkUa1B+NB"
    "tTRomqmmL96lI1lYdx6jqF4jBLaletNIzy3aLsziZqQ0weMOtI4KEHjES49P/x8eVicu//"
    "n0gL4gOamzrCJ/sJPFLvHiyox64B6DxgH4FnDP2Fi+0AiEri3ys1hz0/zoRz71xFqF0gcN"
    "T6hO7VgnCxwC5Ot6WmMEpkY9R2vZg0iYBnd1ULv5NSFHy0/LEFQgfMAtEYoexFzZUuzGUo"
    "q5NNFYg6SDjVDtgsNmYeYjfAxP+BP7Cn8Jh+0nyZgndH62BjFBQj8rAZAwNXkq6r5ZvcCu"
    "TzOk0dFJ+JhJfLtLlhTpJaD5AqFxm1d5JmDHVLsXoogdOankkdSMi5oVQpKxeHWzOp2YJF"
    "ok7zon87gcVaQ7Gk/puRUPuVULnrUahYwpqFM2TUOxQM1og4HLISqMmVKYgPZgTaNuJVza"
    "cgOZoRD9lsVrJT8YGsimkknnWe9TvR2FTGL9ZlKiuRjkNO23WIqG9TT1XEqFpiyyhMfuDT"
    "zXJZQANV6MM7ZOMVdNUQpzSy+BAR/RATjw3fd+/fXn+8/PDs9elEEsASnF8p/D1MlsJe5n"
    "wb2bZAaIp977nYt9FRHKiOIsf3a5bcKREeq1NFLJ9poVegOSbganwpJBF0S3+AFhV0B6TY"
    "OZUTwJVm22b/iszaviWUjavWDRjAwoQrYPeZLaGfr9/e7suxojRQFWoj1WDepDaSplPPhf"
    "Ti7AUxwLFigt31Le91l91jwqGOTZNUThLoeHARKNRI4vwUiI8Z8cP5CgdCh5QeciVSEHqE"
    "sZULXvePLChXJ0mn+F056tyXGbvqMaHWWkNfqKIKX2ckXiwiR6ApKHxlbyQkE/Y64pN9Z4"
    "Kl9YDZBzuXHs9IVJhXKL/iI/5GvCxX9DrR0YyswzmbqFZUzncKCl9ZK4zZQ1zGtLj6V7Qm"
    "nZkRTKJS4sj3pyD3ZUZsl4ofGH22UbV1nzeEvZ2oTabrnSPTjdNLpxfPkgW1Q9+CTEzRAb"
    "RINU44+ygSR5BIt6OuuF6tCyoRGo2QSiMUVSbED3rgFqkMsipkuQLFxUSrwGGexrhEtVe9"
    "z0OHccfcvUzPwiHTmT7YpjyiyCDMlY0rdb7CWkuIinxro0irztgig2EDk8iLVxo2kYR1bQ"
    "epgvowzUxamEaSSgtLc4nQ7IOqfZALf5aDoKPeDLm9okKdIBPWmStGN1Qvb99LQPHJJ5Ix"
    "6g9FBakZjEoDaKoR4CK9HtOrojUo16PMNhvVSK6e9ArSA5/2cMm4qCV7f0uosHT39DL1Ye"
    "7pOq4jkbbO8gOosrhUDz6Z7sBHXvxzkSpt0kaQkDJ50qFBlGl3CdVR5sl049gn+lbmybpy"
    "zb2hgvzAh2BqJ2njtiXRGs+tPXtu8c3YadWVRUrTkft2wRMmvDYeeHlC04377kbjSXmYnp"
    "SmyPRBdGypyHQy7XRTZpXojihjlknTthVkRWe6hrAViY4Juhqf4hiUMozt/Il/zZobHpRN"
    "XWGLA6XCF1aawR0AePBJ7tTgZdtABxiOPsldaVPUznFnckDIOSAUzlXsnu0gEavdTdLYiA"
    "Hx0Jp62w4QgcZn0dKIoWBXiH2HrDV86mDS3Eat/Ro1NjJYeo/nyKZOVTRHYXJtiuWghZub"
    "5M5MKQD74T5ygBNyqHjKSjALz1+8tmfhmx9fQsCWPkydUwCJA+7oIy+Gs1hwZ3nq8to4OF"
    "Dmyuy4eZMbc/fxIjT0bL0aESmFsS0JXiYq86Dj0JEjGYu7/c49OQYex6QYo7xKc3mcitNT"
    "wP/PSLi+Y689BdHnjDjYX+Eo9ig9lNfZJqO6+0Q4YmkO1UG4dZ6JeapxrA+7HtlG838QCu"
    "Ky5j/hZlr0rERqrHN7ts6ZdBhbK68jgUDbXCKTHZG1xOTE2FlOjHSUGWVsecoNqt5Iwd5S"
    "pUTJ2WM2qVBylqAGChTwhKD3nZ/pMl7bkB1PXsxn4evJj+eAlwuegih675R9W5+CR9aj9P"
    "EUeOHcw7bQeHB1iBe6yAe83vATyA1ZsEIo8BXKlZ0+2ihedq544d2rgVxye1/sxCDRO9YS"
    "Lr0khxAZPq1ovVDIJxuTg+ZI9xMO25/vc5vozTXyrCQVCVt8NRFVUBtQgZgFuR3KtzhOSr"
    "+DyoWyrondyWIvhrN0ZuldtDISSGQmIUH7hARc9+u30Arl6cap7TsknZDwn2/TjQVC04/7"
    "7sdIONJZCjMKswpul5YFR7m8A2jfVfie1PRCBb3pk/Z9EqU0jHikWh3jhgzGyhZ2x229HA"
    "63FQcp82qw7LGWA58Ug7wSzQrq3SF5PhwkYz81rTUiT2PWhfbrwoJ6c+w4iDDhNEBLqs6B"
    "WCc8qOlNn7TvE+M3cKB+AyayrFNbqYm06C3SIqdWK2Or7Uk/Wgt0/37jcZBBlb0zi0HYZO"
    "70sjs3Wjs/Yud5gLwVoB5YYAJdEFGDRxzcAT+u5gfgkkHhB8KyGJkEgEhbWrZhdtFgkyqV"
    "jFd2TI3Kvg2WAuUScs38cRPaPZvjTlbY4QNyCuKDGRHjchoNT3kA78fz1g9XK+gpNq+aBI"
    "EZyVgMnjv3J8/VK20qxeRpjOTSXnIZoS9/mr+qDPOJuhSJusZtVIskq0oyjCUmKmEikonq"
    "LDMSmXHvVy40w8qaZkT1bl38+Qxo6eJfIDUu/sbFf4wu/sZJvVcn9f04WUtB/Aq1QznMf5"
    "PmQUoz0EgFUQ17EzWA6GWjB+hbDxDBrAFdcv8xLZOSp6itDBCvzuGVURwraO3qzOy5YM+w"
    "nGnXEOsmus6RbJncemD4lbNbP9CQbU+eZnr1ItU4JODeE2AYw/RhSrtGRDIikhGRIqwvHZ"
    "6dhb3b56g84IlCSCrdc1onJmFih/Po58KEsHspyUhD/UpDfrjmJu2YrgRhjXFJJjQWpu0s"
    "TGilmYWrQDQOVm7XxowV++0ehq7WyC4QmVF9uHbT0lJ9kjOYS0bT+MoUxAczwje9yIqaHH"
    "GDKY+IjQym0dGMLD3ohFCcTA9nxEWLYAr4/6GYVPWruJqKmXVrT5QyVL+Wnkx34FW64p+r"
    "WUuvSHXgEJnaV8PXRzSy2bLh2qob83SmE/cdR23UhYepLpxDH+npCXMUx6QgNGWRtsssGW"
    "nX2iSXLFMeUcxUHsMoU5weegWaI8KtRp/PF7AOFPnXqSr4Km5weLO4qRo/t6Y3KIsUjakO"
    "IPyMbC/EAVfn/SNtc3DDsSmIhalWEbFnSnN1VJorvyt0gOLoQ0YVu+QWQaMr7LLGKFFZR3"
    "RCRrM18mPS4rjGaK9Ro9IOojBOlveYRqbJZIczVsmhsSWnNVZJky5Voc7XTJeKkSI/bzPT"
    "S0K773BXB3Mc7UBUlxFHMxLQR8LGM/s/IzZdrdhjgqcpSA+HYU4xZvUhGCB/D2kANVbg9P"
    "5jVU1Q2w7XGGnpc3Iku4PtbDiYQcdhQ7DCzF3hX5iRjMN2WlwuJ+fnDdZLdlflgimuyUau"
    "7M1KUFZboSWyccC5a1M043vxg4KhuqLURZBUDNKUSAJ1zqj6QjXlU7vG9erm5kMB16trGb"
    "ivH6/es21eik8oT3hjADpQA5CHltqu4gUao1TOIOlEJ7pspskbsi4qNzwqdHlNtFCph/WW"
    "WiiVi/fw1phKFVRZ9b4lHm3U7kMCZDc6uUxjWauYKyg2G2nnVgUKo6Ib2CJ/WqOiC3Dgau"
    "noUgKjpMuEHjZoEyfFpq6PeZpDD3J12NKgGQKcIzlwt1Dd9Fcm71WtjJxwRpqhohLZMWkO"
    "6wJF8xGBW4oB4+ZZT+UwUWnADClItMwNK/g9JcvciNvLnGUMqze0uVzH6pn6XwNXbjXzWz"
    "f1vw6iHw3b1yXbZ5T5B6rMN9Ecxj18h+7hDTj3QWjzh2Mq6VV3/Q65+AF5TycKASa9dlon"
    "t8Sl7Jz8zRtLkNwQBCJCEFBA2bc18nxKgPhDwL6DhCD3J1ErJOoDhgVeuwis4D3yWbvkOQ"
    "0DgB20WrONmwTlsiR9PUSZozR6kLgc+4XHzZcSlSb3xrMjue00zeTA7v8mWinfwbchvpGK"
    "W7LED7YL2dYZXdGS6q7w8oAEux8nk5cv30zOXr6+OH/15s35xVm6zpcv1S34V9c/8zW/sC"
    "VvFv9y/dTGmTRHvm9/Ukzm9I8pEB8z4odzfnWORB2E6FCebHvyHh144hQFy6+TOcVPzvi5"
    "M4H4GvAcKgu2SIgUKuJgRgi1hGcm6474aEYWELv8puiTU/H09JyIf86IzaFxxS3p4TA6Fw"
    "YBW3ZVtYOrlcw5kqP0sSRMurViFFqIagpyk0Zhz2oMMY+tu7i7NPwSi4Q79E3U1VTvxTkR"
    "eZ7NmFmNxSVHcUT+axJmtCJWphIyuuMAmQ69t8/Omnhvn51Ve2+flXJ1r/ylig+vhjAlGC"
    "OELycNEHw5qQSQX5LUkJmko7m3FSnNtrZ3K0vUHapQ7OrZUKQa45ToPi07lwba1CDLyMxk"
    "2PNkSNQ6ml2YIzNduO/1zNjHDtM+Fq6dlh1bpDQdu9eOLYVFFJTwDUXAAs0x2T4LEyKzTD"
    "SELUdxTKDVGIwza9GWJuNPaUPDw7Cpqbgwq9TGYnn8dYBcw/RNA8YtN62G5BwbD0mFQTkb"
    "rJvMyY2syNv4vuatp759h5zQRTnLqk3XyCrEJOa4ND0T6wHZV02M1GCVAHPqKBQp1c6Oyf"
    "1jwW/nUS6hgxFRbdHVKYnyNEPKRsQfO6ZsRAmOFkOiyp2ivgcyyjGqCHsxPMTeJVo5tvI0"
    "QxrQY0uvxe3pLsOFh6Mq0mxVd0CJcEi9MLZlZc3YVZ3FJLl/jEtIL0HYBCHHtxjr7tEHqF"
    "iXa70RysTGI2FczmzlKmCOB+OyXFI6Sn5+CsTHjER9Lup/xUczkopcU5Aezgh7cshPRZ8q"
    "/zebsgURiRph6eGQfdgKomWpZzcY6CRaY+LZs4nHp6HHeMt7pGWyLlK1mpxyt/Uu7ve/l3"
    "jIxmvMTdA2DVXlPGsSiZUoj9LVM1okW6wrBUKzqOx5UVlwEcuxaNjGh6NEbLpz324ACVfS"
    "xhFAojWdue/OTJjJNp0p0ZrO3HdnGgedQ/DjMA46B9qxJQedZNrpFv8r0R1ptIbCiN0QQQ"
    "XlkWKYKuC18JOojgi7GpenBJQyjtquO1+SKOTbXJuDw7OpG480WhoUssvPzw7gPID04YoV"
    "qwGO2U7RAYqjLwdY2je3KAYYZwPB2xYDzKcgGR7vVZmxpeDNEJu8tkQi8p27zNnPRoRH/+"
    "6GKTCVbod56DZms8nbKTdns7m9Q8BH7Gc7gK0SiwVYodUced/5wGdLyHPKzlACYFqc7fkj"
    "dpLUNOW0NVu3tiE/TWyF80qJaYxbYytusdqt0UE2Vuf2bWbTzdPv0AshMdMqLLtlW+4w7K"
    "y8qiFSmZFqQkkzkjF6ePTjJGZ0ZIegSinryJI1XzNne5HqmGJ3TKSYCXoaUtBTyrRtj974"
    "A5+kdUm7XFif4khZN6WQSJQKrGqhJM26Z+WVaJvlksssX9/zFfJ99sYgaQFwZYkfIA85AB"
    "ORAnOFCX7OkF16cMWkjX8gxjwFgPcGdRVySuetm4oFuw+8qtNv14Rf1Sq4W/LPu/Vq6z4E"
    "S9MvcBuHwD1j131ap2MLAOweQTacHqnnaMX35GmGFFkytvgel5Il25q9lULFWxcTUaAz4R"
    "AmXKdTF2tTzNwUMzeqMaVqrKSkaGLTjCT2Tsx4o7IT92q9iyXh5GWrJOV1gupGy50vE2yU"
    "kv9GHwF7vydeE+I5n4KZXAtiudYHEPBsK+AO+oAJsIR1Gy8mkcm7z6jH7uEb+nO+oYMn5H"
    "9fFpn7fZTS7pdky8mLbMbwd0Ri9a5Fm+4Faw+t2LPiogmNo8RyNEcZHwZtG6053xHQQBWt"
    "XW31KREeJX4u9AOLsRn8xTTmsEQ2Smmkc/O8cdE/COa55NtmUkFubxU16QzRoNMZ/kLZK1"
    "8xRty+O1EIKPnLtfLJP/mN1jy7c6NgMgsvzs5fzcLzV2cX7P+LczgLX59PFrPwxzN0MY0q"
    "2kEveAJRq8DmRlHWFQAGYMUmOljgBwSot4QE/0sIpj54hhmXCSYK4aT/xxkD384lEfGpwb"
    "4k949T9uhFj2o0fwfBvJSd4tqExm0fFHd4HMzuA5EGzMU0iUFqom2OnP631Dbf5PZio3PO"
    "ofJRoKvi57KLtdwc43KsVXZfA1cszt5+54O1C23EfaIgKbBKPwFR28gHjxAzTop6cfAHg2"
    "aBvZW4R+WD1VWzSuUxa0lc8020SP+smkerXGA2R4oktDtUN2WjXxrqLmMYkDcF0eeMRDdO"
    "QY5g7wqpePgj3ZqaBTpjITd88jHwyXyv01rUM4Jj4pCNYrRbsSJmPraUKTRZ4AFLFtmsMj"
    "Vyxq5U/hKukfcggns/I5t6RQ668qZakcTPbre87P6NoskNQYBn+l8iQBey/MCjzrN2GU/3"
    "gNxYqfv6+1Nwj9YBgD64w35AvaeygNJ140aFvHO5RHRLW8EkJd6zQvmEUCbtuuyq+JyRZY"
    "gd/sZTkBzNSADde9Y97P+M3KOnKYhjNPYvr6w99IBp6FtbdUa5FdMr2/QKY/l9leKzuuxS"
    "RjEWA0udHNNL4SWbrfWaYeo5kiPKtWZkbyN7G9nbiJEdi5H7EYhuwmBO/3j/gMR7l60yuc"
    "u1QhAVN1oovbPfIqJrj9rI99P1M3GubyyAXOHlAckgP04mL1++mZy9fH1x/urNm/OLs3Qy"
    "ly/Vzeqr65/5xC6supsllXv2+9S8sRrg5P6dVUwatp/9Gj65FCoQrI4gzpEMKYB4bKXpDP"
    "t2oOybvD/odK1MaypI7KGChEakaJ/s0SXysNr/OL5SyxTB7J4+2SGjeT3tVvP6gLzq9KFq"
    "9HIkY9EwSXktz88b8DXsruq8lvyapFRiU0MDxPj2cQL4olFi0Bc1iUFfKBKDUhIo86vWFI"
    "/OSPbFGva2dXXGBO51e/nz/wHiiqif"
)
