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
    "eJztm21z2jgQx78K41e5mVyHGEJyeQcpabkmoUPIXadJxiNsYXSxJWqLJEwn3/1WMn62KU"
    "5tHjK8CUbataWf16vV3+SnYjMDW+6HATYJo8pZ7adCkY3hINFzWFPQdBq2iwaORpY0dUKb"
    "kcsdpHNoHSPLxdBkYFd3yJR756czyxKNTAdDQs2waUbJjxnWODMxn2AHOu7ulClyMOXizH"
    "JYDw9wRKiBX7ArDMTX6aM2JtgyYoMnhvCR7RqfT2Vbj/ILaSiuP9J0Zs1sGhpP53zCaGBN"
    "vMuamGIHcSxOz52ZmJAY72Lm/hy9sYcm3hAjPgYeo5nFIwBWpKIzKojCaFw5QVNc5U/1qH"
    "nSPG20mqdgIkcStJy8etML5+45SgLXQ+VV9iOOPAuJMeQmP1PkzifIyUbn2yfgwZCT8HxU"
    "y+j5DSG+MIhK4mejF83C1OQT+NpqLoH1T3tw/rk9OGg1/xBzYRDWXrRfL3pU2SV4hvws/I"
    "StbIBdOrMlxB6MCFEdp2AGzhumqXD2TCF04e891Zltwyn5/KwWHCpvYH3UWoH1USuXteiK"
    "s9YhERWJVd++HLqVP+kxeg11BXoNNZee6IrTgyRNnjL4dRizMKLZCEOnBMQReFUVowHYN3"
    "Fcwq3T71+KQduu+8OSDb1hAuDtVacLYSm5ghHhOJpHQ5reOqUVWnZiPr9efTJwLsisM3+W"
    "sP6IRXv8mLn8hMt9nOEFczAx6Rc8T2XQBLhU1bJ1CF/9OPBbw1E46DmoZeLhATOEeWEv/A"
    "bdm+Ggdw4sBcoR0h+fkWNoOUz1CbEMOFXGo77wvPgywBbiC2DvBmjsAYWAGY9/D8Gti1dZ"
    "KbYIgAgPprJIWMQCJt1lq3ayBVFkylGLa4srRWlk7Bd8Svm7BejRZr5VqfuF/e6g2t2BA6"
    "XBW4tb33d9tS1sS11iLNaTRIXrd53V/KN7CmWPgZ2zmvd5T2XKOKvJj3uKDJtAUSw/tqP+"
    "ZVNMsyI5vwIOPd50F5KZbb0lcPmbNZgIK0gw4lIKwnQc7xhDSvTHwqJBxGeN6SCdBraGoo"
    "ORpRXFGHPaRY7lb2qnwABrmOrOfCpmnaI5xC95u7G0a0VPeEXlXxbEYffbMLbD9eEdXLW/"
    "Sa72fNFz2b/+5JtHYJ9f9jvJtAm1W9FYjfrs1x65u3PdZwZF+AS5kyIkU447EqVxoOrx8Q"
    "pEwSoXqezbS1rVSVo6rC8waw1l6DEfoYcTG+cIrTHPBFZj4frBP9jSFwUwB6NPrbkSiAm5"
    "SbZ31b0Ztq++xsB/bA+7okeNZVm/9SBZ6Acnqf3bG36uia+17/3rriTIXG468oqh3fC7Is"
    "aEZpxplD1ryIhkQb/VBxN/R4FcrlnMJPQN9zblXMLt3a4lc4vupj/tpbfT1WFbp3mvYIsJ"
    "0Bmeexk6CWYvRueESmFJuko1sj0zCL9kppKhSAZ9h0tVSWElMlvlsuSdwkb/YZ17YSKgeF"
    "8B60MhybJDzHekWv6lqo3GiVpvtE6Pmycnx6f14KlOdy17vDu9T+IJjyXkX2ubcLeZUyx/"
    "Rl0qSpxbKRAnoeXLwsu4bUAQLk25KF/MFduQrMVmKcXs11WlEdyxLXUiq64sisfddvOXTO"
    "VLaeGiVJzlbwjkGydZflyO8BgqxjTGv2/619kYQ48Ew1vx+uHOIDo/rFnE5Q/bXFRmARRz"
    "Xi5IJrXHw/iOSZwgKUiiMffeJq/KN3DY410Br4ORm7U05WvpocduLO7rVtAdDPNyiybXuN"
    "dukK06t+6WSFl2QfW+NMqUILMhKQE7RJ8oWUKC13O4VEYIbfY/bSoz1iv+adMTdtyCG7CI"
    "y26WutW8hINHowDEhfluAjyq11fRAer1fCFA9CX/rYHyzB9B59ezEZcSKtoNYF1HSbvR5e"
    "X1f9N3v9o="
)
