/* teaching.h - 以案说法 teaching material made from closed enforcement cases (issue 7; the
 * seed report names its absence as a weakness). A material is created from a case whose
 * stage is closed, with the party anonymised (teaching_anonymise), then edited while a
 * draft, submitted, reviewed (returned or published); a published material is frozen.
 * It may be linked to a 以案说法 activity (activities.kind pufa_case) and to learning tasks
 * (duties_learning_for_teaching). Invariant: every text field is anonymised against the
 * case's party on every write, so the party's name, ID number and address never reach
 * the table. Results are new JSON the caller owns; writes run in the caller's
 * transaction. */
#ifndef FZ_TEACHING_H
#define FZ_TEACHING_H

#include <stddef.h>
#include <stdint.h>
#include <jansson.h>
#include "fz_err.h"

struct db;
struct fz_user;

/* the party of a case, as recorded (any member may be NULL or "") */
struct teach_party {
    const char *name;
    const char *kind;           /* citizen | org */
    const char *id_no;          /* 身份证号 or 统一社会信用代码 */
    const char *address;
};

/* teaching_party_alias: how the material names the party (docs/learning.md): a citizen by
 * the surname and 某 (王某, compound surnames kept: 欧阳某; no name: 某某), an
 * organisation by its form alone (…公司 -> 某公司, …厂 -> 某厂, else 某单位). */
void teaching_party_alias(const struct teach_party *party, char *out, size_t n);

/* teaching_anonymise: text with the party's name (-> alias), a citizen's given name
 * (-> 某), ID number (-> [证件号码]) and address (-> [地址]) replaced, and in any text:
 * 18/15-character ID numbers -> [身份证号], other 18-character codes -> [统一社会信用代码],
 * mobile and fixed-line numbers -> [电话], plate numbers -> 津A·*****, house numbers after
 * a road name and flat/unit numbers -> 某. *out: a new string (caller frees with free());
 * NULL text gives "". FZ_ENOMEM. */
enum fz_err teaching_anonymise(const char *text, const struct teach_party *party,
                               char **out);

/* teaching_from_case: a draft from closed case case_id as actor may see it (data scope:
 * FZ_ENOTFOUND otherwise): title, party alias, facts, legal basis (the power's basis and
 * the decision's), outcome (decision, penalty, execution, conclusion), all anonymised.
 * FZ_ECONFLICT code case_not_closed when the case is not closed, code teaching_exists
 * when the case already has a material. */
enum fz_err teaching_from_case(struct db *db, const struct fz_user *actor, int64_t case_id,
                               int64_t *id, struct fz_problem *p);

enum fz_err teaching_get(struct db *db, int64_t id, json_t **out);

struct teaching_filter {
    const char *q;              /* in title, facts, basis, outcome, lesson */
    const char *status;         /* draft | submitted | published */
    int64_t case_id;
    int64_t limit, offset;      /* limit <= 0: all */
};
enum fz_err teaching_list(struct db *db, const struct teaching_filter *f, json_t **items,
                          int64_t *total);

/* teaching_update: title, facts, basis, outcome, lesson (keys present only) of a draft
 * at version; each anonymised again. FZ_ECONFLICT code frozen unless a draft, code
 * version_conflict when stale; FZ_EINVAL naming the field. */
enum fz_err teaching_update(struct db *db, int64_t id, int64_t version, json_t *in,
                            struct fz_problem *p);

/* teaching_act: submit (draft -> submitted; needs the lesson), return (submitted ->
 * draft with comment), publish (submitted -> published, frozen). FZ_ECONFLICT code
 * wrong_status otherwise. */
enum fz_err teaching_act(struct db *db, int64_t actor, int64_t id, const char *action,
                         const char *comment, struct fz_problem *p);

/* teaching_link_activity: link the 以案说法 activity activity_id (0 unlinks); in any
 * status (links are not content). FZ_EINVAL field activity_id for another kind. */
enum fz_err teaching_link_activity(struct db *db, int64_t id, int64_t activity_id,
                                   struct fz_problem *p);

#endif
