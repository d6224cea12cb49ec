from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "audit_log" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "actor_id" INT,
    "actor_role" VARCHAR(16) NOT NULL DEFAULT '',
    "action" VARCHAR(64) NOT NULL,
    "object_type" VARCHAR(32) NOT NULL,
    "object_id" VARCHAR(64) NOT NULL,
    "before" JSONB,
    "after" JSONB,
    "reason" TEXT NOT NULL,
    "request_id" VARCHAR(64) NOT NULL DEFAULT '',
    "created_at" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX IF NOT EXISTS "idx_audit_log_actor_i_3f2ecd" ON "audit_log" ("actor_id");
CREATE INDEX IF NOT EXISTS "idx_audit_log_action_286eba" ON "audit_log" ("action");
CREATE INDEX IF NOT EXISTS "idx_audit_log_created_277f5d" ON "audit_log" ("created_at");
CREATE INDEX IF NOT EXISTS "idx_audit_log_object__f82613" ON "audit_log" ("object_type", "object_id");
CREATE TABLE IF NOT EXISTS "region" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "name" VARCHAR(64) NOT NULL,
    "level" VARCHAR(16) NOT NULL,
    "code" VARCHAR(32) NOT NULL UNIQUE,
    "active" BOOL NOT NULL DEFAULT True,
    "parent_id" INT REFERENCES "region" ("id") ON DELETE RESTRICT,
    CONSTRAINT "uid_region_parent__9dbb5d" UNIQUE ("parent_id", "name")
);
COMMENT ON COLUMN "region"."level" IS 'town: town\ncommunity: community';
CREATE TABLE IF NOT EXISTS "joint_branch" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "name" VARCHAR(128) NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "region_id" INT NOT NULL REFERENCES "region" ("id") ON DELETE RESTRICT
);
COMMENT ON TABLE "joint_branch" IS '联合党支部: one party branch covering at most five organizations (item 2).';
CREATE TABLE IF NOT EXISTS "organization" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "name" VARCHAR(128) NOT NULL,
    "credit_code" VARCHAR(18) UNIQUE,
    "legal_form" VARCHAR(24) NOT NULL,
    "category" VARCHAR(32) NOT NULL,
    "sensitive_field" BOOL NOT NULL DEFAULT False,
    "supervisor_unit" VARCHAR(128),
    "address" VARCHAR(255) NOT NULL DEFAULT '',
    "description" TEXT NOT NULL,
    "served_groups" JSONB NOT NULL,
    "contact_name" VARCHAR(32) NOT NULL DEFAULT '',
    "contact_phone_encrypted" TEXT,
    "status" VARCHAR(16) NOT NULL DEFAULT 'pending',
    "status_reason" TEXT NOT NULL,
    "charter_text" TEXT NOT NULL,
    "charter_file" VARCHAR(255),
    "charter_party_clause" BOOL NOT NULL DEFAULT False,
    "party_member_count" INT NOT NULL DEFAULT 0,
    "coverage_form" VARCHAR(16) NOT NULL DEFAULT 'none',
    "instructor_name" VARCHAR(32) NOT NULL DEFAULT '',
    "blank_spot" BOOL NOT NULL DEFAULT False,
    "supervision_level" VARCHAR(16) NOT NULL DEFAULT 'normal',
    "credit_status" VARCHAR(16) NOT NULL DEFAULT 'normal',
    "annual_report_due" DATE,
    "created_at" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "approved_at" TIMESTAMPTZ,
    "community_id" INT REFERENCES "region" ("id") ON DELETE RESTRICT,
    "joint_branch_id" INT REFERENCES "joint_branch" ("id") ON DELETE SET NULL,
    "town_id" INT NOT NULL REFERENCES "region" ("id") ON DELETE RESTRICT
);
CREATE INDEX IF NOT EXISTS "idx_organizatio_name_5c1bfe" ON "organization" ("name");
CREATE INDEX IF NOT EXISTS "idx_organizatio_status_48b2e5" ON "organization" ("status");
CREATE INDEX IF NOT EXISTS "idx_organizatio_blank_s_ffc346" ON "organization" ("blank_spot");
CREATE INDEX IF NOT EXISTS "idx_organizatio_town_id_f888d2" ON "organization" ("town_id", "status");
CREATE INDEX IF NOT EXISTS "idx_organizatio_status_35c44d" ON "organization" ("status", "category");
COMMENT ON COLUMN "organization"."legal_form" IS 'social_group: social_group\nfoundation: foundation\nsocial_service: social_service';
COMMENT ON COLUMN "organization"."category" IS 'industry_association: industry_association\nscience_tech: science_tech\ncharity: charity\ncommunity_service: community_service\nother: other';
COMMENT ON COLUMN "organization"."status" IS 'pending: pending\nactive: active\nreturned: returned\nrejected: rejected\nderegistered: deregistered';
COMMENT ON COLUMN "organization"."coverage_form" IS 'own: own\njoint_branch: joint_branch\ninstructor: instructor\nnone: none';
COMMENT ON COLUMN "organization"."supervision_level" IS 'normal: normal\nguidance: guidance\ntalk: talk\nkey: key';
COMMENT ON COLUMN "organization"."credit_status" IS 'normal: normal\nabnormal: abnormal\nuntrustworthy: untrustworthy';
CREATE TABLE IF NOT EXISTS "app_user" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "role" VARCHAR(16) NOT NULL DEFAULT 'resident',
    "openid" VARCHAR(64) UNIQUE,
    "unionid" VARCHAR(64),
    "nickname" VARCHAR(64) NOT NULL DEFAULT '',
    "real_name" VARCHAR(32) NOT NULL DEFAULT '',
    "phone_encrypted" TEXT,
    "username" VARCHAR(64) UNIQUE,
    "password_hash" VARCHAR(255),
    "active" BOOL NOT NULL DEFAULT True,
    "created_at" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_login_at" TIMESTAMPTZ,
    "scope_region_id" INT REFERENCES "region" ("id") ON DELETE RESTRICT
);
CREATE INDEX IF NOT EXISTS "idx_app_user_unionid_89ecfe" ON "app_user" ("unionid");
COMMENT ON COLUMN "app_user"."role" IS 'resident: resident\nleader: leader\nstaff: staff\nadmin: admin';
CREATE TABLE IF NOT EXISTS "org_member" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "role" VARCHAR(16) NOT NULL DEFAULT 'member',
    "confirmed" BOOL NOT NULL DEFAULT True,
    "created_at" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "org_id" INT NOT NULL REFERENCES "organization" ("id") ON DELETE CASCADE,
    "user_id" INT NOT NULL REFERENCES "app_user" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_org_member_org_id_7eab98" UNIQUE ("org_id", "user_id")
);
COMMENT ON COLUMN "org_member"."role" IS 'leader: leader\nmember: member';
COMMENT ON TABLE "org_member" IS 'A user''s place in an organization; claims wait for staff confirmation.';
CREATE TABLE IF NOT EXISTS "aerich" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "version" VARCHAR(255) NOT NULL,
    "app" VARCHAR(100) NOT NULL,
    "content" JSONB NOT NULL
);"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        """


MODELS_STATE = (
    "eJztXW1zozgS/iuUv9xsVW7KceIk67u6KieT2c1uJrnKZO62NkxRMsi2NiCxIJLxbeW/X4"
    "sX8yaIscE2E74YkNRCetS0ulst+a+exQxsuu/HnkH4NZv1RspfPYosDDe5vAOlh2w7zhEJ"
    "HE1MvzASpTQzLDZxuYN0DhlTZLoYkgzs6g6xOWEUUqlnmiKR6VCQ0Fmc5FHyp4c1zmaYz7"
    "EDGQ9fIZlQA3/Drnh86LHJH1jnGl/YWLwtfCRG76soaj9qU4JNI9UXyIQsPz2gg7RzMrui"
    "/KNfVjRmounM9Cwal7cXfM7okoBQLlJnmGIHcSzewB1P9E40PkQi6nDQkbhI0IMEjYGnyD"
    "N5Ao0VIdIZFfBCa1y/jzPxlr//OBgcHZ0O+kcnZ8Pj09PhWf8MyvpNymedvgQdjgEJqvJh"
    "ufrp6ubeBxbGMBhdkfDi0yCOAip/LGKAYbSZo8lgLsQ4SfI60hGuCahDIJdIR0WahnpweH"
    "x6fHZ0crxEeJlSBmwEYhY0h5k4D9vFHDlluEVUGeSguSsgl2PSPHTxhxth1+ttgJyFvmkm"
    "pjM+h8fDkxKY/jO+u/h5fPfu8OSHNBPehDkDPyuHpGhRNRRDiqYQrJv5UhCeHK8A4clxIY"
    "QiKw1hRqquimOGbHvsWCeaR4MV0DwaFKIpsqRoygTiq1hKRWJLkKyfLyd4yhwJS/7y+fZG"
    "DmNMkcHwC4W+PRhE5weKSVz+tZZJpm5ASwAUfRZttlz3TzMJ3LtP49+ymF5c3577IDCXzx"
    "y/Fr+C86zsnHLsVMF3SdDBuwK8DkaubGq6x98KFKOYoh2Tewmi95e/3Zcjai3CnOvbm5+i"
    "4lmYs4hCv9yqwjVN1Q5km5atOrAa9FZDPI/kB8jhxMJyNNOUGTSNkPR9dLOfChV0wbil5i"
    "KsuoyNrz5dfr4ff/p3ipc/jO8vRc4gxcdR6rus/rqsRPnv1f3PinhUfr+9ucwKkWW5+997"
    "ok3I40yj7FlDRgKFKDVC6kXYvtPHhHEmEiZIf3xGjqHlctiAFZXNZ1kDK5uCKJr5oyLAFc"
    "0M3QW/MMD33EFUn/ck3oRk9kGZQ+EPUVCbxCVf8yn0VO+sPzxWveFx/wx+D4dI9U6Gg6nq"
    "/djHZyOFUazYyOELJahV0dkTFhyiIK5YMADKlDxhhTkzRMn/kKjWVd4Rji1l8MP7Xoantv"
    "C6130hlfwd35GzY0MLvNiN4V8rTCpR+XYq64eDs1UM8cFZsSUu8to8p9QO8Pc1qaTVrhmA"
    "Uc3Hl6JZy8m3izGsQcjkZuMsjnkQP4LRSmb0V7zwsbyCNsG8IRMv4Vx6t6xo/zB8iTghSo"
    "2ZzEHPyxkrzSBwAx3D3O/kHfDr3dUFgFmsyCTUC2xNsONKvPwh4cdf77CJCnx+IaC3ibl4"
    "n23XHKovTWp0gMonH12ZPhdnlmpzoOVoVlzuVV1urHgudv7mKraJdKwQqiCaUpX+oegmIp"
    "arPCMCmhRzFPhaplNQsuiUOJZfJq+z1VetRDd7EL308+AdwVpUp6o1p6oVL5tcUs/KidD0"
    "tLT9xZOY+zOsboLCgJ2RElxVGhQcKQmCnS+vhOyPZauoDLBEtECjS9JlwJ4AYVNoL1m5bn"
    "/W+e3tdUpdO7/KOqy+fDq/BHh9dKEQ4akV1E5P/u71ZDHXVRLqMcFb0pCTkIkZsxpmCYq3"
    "BFqJWREqHxvaFBVV4D22LOKvKmVWXIw/X4w/XPZy/FcDeF/CatoLWuKzkqO2G6dyiivlVk"
    "iKa0sNkXTJZkPVOHuOjFtgHu65PSjyEN2LcQI2mTFnUTF2rTMQ2ufLbTQeqClXrojq1OEz"
    "qgJkhmwtPLO+lcaZMY3mSmCWYJmD0sQzZGpT5ljr2qzpGna84NBzmU6gOTOHefZIST6pdM"
    "o8avgSFupb3qs0LAVTzBPR8ZIqfF7H0h2ssiI+KF4RH+RXxCN5vOYoJel3PUZA4cFLFxpy"
    "faiDEZGlwtjoBEN/NI71OYxM4kmlOvSc8MVICW8ghVkWNJAv4sHMJamUiWlxpPiXdUa3/q"
    "g8F1OXcPKEw2k2N8il3gwJ9RZ9GlXVk504NVzPFqPvMkcTzFBl1pCQ1jJzfBeLqsgwHOxK"
    "ljdKApxjkjYGOw2Gw1Vk+3BYLNxFXhrGZMtyUBYH5GXI2gHntqPyhNjHRqADSBi1OJw0R1"
    "hDWOl6aP9z6lF/W4Ay8YjJCXXfixf+q5lRaCTaFF7PwZzVqho/Wbp28HjT+kKEig1YYA1U"
    "Imdhc9kqSLHsKKmiJdPb1gXJ0jmyjgIeU2/Nju/ZmBoCwbwKHuaMlPBGpWLf0RPoy8FVpQ"
    "7mnkOxMVKiO5Em9oEEacGdCm8XoRIuhwukJ5/2Y4kwwF2rHu2eI2yH6Nn2VyFsLxhuMMm+"
    "SdTqEvmToevQLUN3SqrtxczStUSkb0HVjpDxQ6A13USeK0G2PHqgoIrO6E5DHeATxIsAfB"
    "6VCIjCBQM58fbWVPsbcHHNq9B+gD6a4Y3ctLlKtihwKaiYEiWEPdORAj8qTW6qGCnJJ5US"
    "ga0n9pYLH2F0r1JRKYxAVPXOFY24bZWNHAlpO6bDpu2ciYnoo+baTCI5SkV0mrAxwZxTuV"
    "shlyOPpghwNvETNte2aWQVbVWuOBYyJZIlyBDSQVxVOvOIIXowUqI7Faxf8xFGEH5V+ogX"
    "IwV+9kOShOuUm9mbuUr2cVzQJEqJ7lQKM73jufyZOXwOo5J63I/xQZR6yATL0IZGaYYnkf"
    "UiULLA/S0jLouV3EtFvQRSEerYhZS+jZBSzzbWHNg0ZTewOx3YsPEJCWfbDntaa2AzpDWM"
    "7F5Jt30ayKjbpZ9oHP9QKV4vS9bQQWj7GMucRC9pilYDUEL5RjFMxJquiF2CoguiX2KYB/"
    "BN7sxNMEfBvlyp+NsmevuzATcLXlasr4Bg9sCTDUHMHLTSWiQl8j0F5ufLe+Xmy/X1dreJ"
    "x3ue2/OBN7pJPPxmJXsz4q+5eFdGfCRCvfsxHsTyBg7mMr9Z3a7sN7bpotmV0/pPZNvIT7"
    "wD37A88pz7S07cX3NaToWJGPH98C9W3teyyYaW7X/pDa8ZBQFMFdeLYqLuNIDsGj7MU9XM"
    "txTNGzJ6S+y3eLrvbJAUe2xwtFJSA8cbqs7VrJJ9Up4zJzy4GqFaidH7No6dkoEid6E0iM"
    "e+cok+J6YBn+BmYLRQEGXjgqfTzSBY8ViFPQKgSUvbR0NiZ0colfxHj21r0UkXjZ570FnV"
    "a2g1ByVWdcvOOnOwS4xQD8tYhlGW2NoQ3Kk0ewKaLzJGwcl7KkWGRcCY9C/7YTcyG9OKf+"
    "yxpGjhYQj1Ozk8saOvGoIJkoZi7FuGISX6Y2VnW4KmjYGv9aPoYGRWDiNOEbURx/qdQRts"
    "kOw2Rq66SUnoblV5NUnTzT2+V8R1nxko4XPkStZZi5HMEbaES7ew16tzBXcHw3bBnvjglR"
    "BBE7n+X+QSusbY5oi7iM8dR3y6Oph12jr/iiGh7JZvssB0izgFrLL5v2TMieyEni4EajPH"
    "7Bg7RP6nZ2HOQalzNi7TuWb3TGIdlLhmn+B7kkqrYksiQdLOsKdmjAj4NCqAGBZvJ4CH/f"
    "4qTul+v9grLfLyh1VJgx+Kj15LkOzq0LXG9MnajlfL6SvFM23908vL/wH8SpJQ"
)
