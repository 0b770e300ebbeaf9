#pragma once
// A classroom profile: one JSON file a teacher copies to every seat so the whole class
// sees the same app.
//
//   {"format": "minima-profile", "version": 1,
//    "lessons": ["local-minima", "identifiability"],   // optional: only these, in this order
//    "solutions": false,                                // optional: hide worked solutions
//    "packs": ["week3.json"],                           // optional: exercise packs (relative to the profile)
//    "present": false,                                  // optional: start in presentation mode
//    "class_folder": "//school/share/class-4b"}         // optional: a folder every seat writes its snapshot to (relative to the profile)
#include <QString>
#include <QStringList>

namespace minima {

struct ClassroomProfile {
    QStringList lessons;
    bool hideSolutions = false;
    QStringList packs;   // absolute paths
    bool present = false;
    QString classFolder;   // absolute path, empty: none
};

// Reads and validates a profile; on failure returns false with one line naming the file
// and the field.
bool loadClassroomProfile(const QString& path, ClassroomProfile* profile, QString* error);

} // namespace minima
